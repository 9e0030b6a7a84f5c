//go:build dist

// Package dist checks what make dist produced (build/dist, build/bin): run by
// make test-dist, which builds them first and passes VERSION and VERSION_NUM.
package dist

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"fmt"
	"unicode/utf16"
)

// Resource types (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

// resource is one leaf of a PE file's resource tree: type / name / language.
type resource struct {
	typ, name, lang uint32 // name is 0 for a named (string) entry
	data            []byte
}

// peResources reads the .rsrc section of a PE file with debug/pe.
func peResources(f *pe.File) ([]resource, error) {
	sec := f.Section(".rsrc")
	if sec == nil {
		return nil, fmt.Errorf("no .rsrc section")
	}
	raw, err := sec.Data()
	if err != nil {
		return nil, err
	}
	var out []resource
	var walk func(off uint32, depth int, path [3]uint32) error
	walk = func(off uint32, depth int, path [3]uint32) error {
		if int(off)+16 > len(raw) {
			return fmt.Errorf("directory at %#x outside the section", off)
		}
		n := uint32(binary.LittleEndian.Uint16(raw[off+12:])) + uint32(binary.LittleEndian.Uint16(raw[off+14:]))
		for i := uint32(0); i < n; i++ {
			e := off + 16 + 8*i
			if int(e)+8 > len(raw) {
				return fmt.Errorf("entry at %#x outside the section", e)
			}
			id, to := binary.LittleEndian.Uint32(raw[e:]), binary.LittleEndian.Uint32(raw[e+4:])
			p := path
			if id&0x80000000 == 0 {
				p[depth] = id
			}
			if to&0x80000000 != 0 {
				if depth >= 2 {
					return fmt.Errorf("resource tree deeper than three levels")
				}
				if err := walk(to&0x7fffffff, depth+1, p); err != nil {
					return err
				}
				continue
			}
			if int(to)+8 > len(raw) {
				return fmt.Errorf("data entry at %#x outside the section", to)
			}
			rva, size := binary.LittleEndian.Uint32(raw[to:]), binary.LittleEndian.Uint32(raw[to+4:])
			start := rva - sec.VirtualAddress
			if uint64(start)+uint64(size) > uint64(len(raw)) {
				return fmt.Errorf("resource data at RVA %#x outside the section", rva)
			}
			out = append(out, resource{typ: p[0], name: p[1], lang: p[2], data: raw[start : start+size]})
		}
		return nil
	}
	return out, walk(0, 0, [3]uint32{})
}

func ofType(rs []resource, typ uint32) []resource {
	var out []resource
	for _, r := range rs {
		if r.typ == typ {
			out = append(out, r)
		}
	}
	return out
}

// fixedVersions reads VS_FIXEDFILEINFO's file and product versions as a.b.c.d.
func fixedVersions(info []byte) (file, product string, err error) {
	sig := []byte{0xbd, 0x04, 0xef, 0xfe}
	i := bytes.Index(info, sig)
	if i < 0 || i+24 > len(info) {
		return "", "", fmt.Errorf("no VS_FIXEDFILEINFO")
	}
	u := func(o int) uint32 { return binary.LittleEndian.Uint32(info[i+o:]) }
	four := func(ms, ls uint32) string {
		return fmt.Sprintf("%d.%d.%d.%d", ms>>16, ms&0xffff, ls>>16, ls&0xffff)
	}
	return four(u(8), u(12)), four(u(16), u(20)), nil
}

// versionString finds a StringFileInfo value (UTF-16) by its key.
func versionString(info []byte, key string) (string, bool) {
	words := make([]uint16, len(info)/2)
	for i := range words {
		words[i] = binary.LittleEndian.Uint16(info[2*i:])
	}
	k := utf16.Encode([]rune(key + "\x00"))
	for i := 0; i+len(k) <= len(words); i++ {
		if !equal(words[i:i+len(k)], k) {
			continue
		}
		j := i + len(k)
		for j < len(words) && words[j] == 0 { // padding to a 32-bit boundary
			j++
		}
		end := j
		for end < len(words) && words[end] != 0 {
			end++
		}
		return string(utf16.Decode(words[j:end])), true
	}
	return "", false
}

func equal(a, b []uint16) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// iconSizes lists the pixel sizes in an RT_GROUP_ICON (GRPICONDIR).
func iconSizes(group []byte) []int {
	if len(group) < 6 {
		return nil
	}
	n := int(binary.LittleEndian.Uint16(group[4:]))
	var sizes []int
	for i := 0; i < n && 6+14*i+14 <= len(group); i++ {
		w := int(group[6+14*i])
		if w == 0 {
			w = 256
		}
		sizes = append(sizes, w)
	}
	return sizes
}
