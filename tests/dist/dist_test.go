//go:build dist

package dist

import (
	"archive/tar"
	"compress/gzip"
	"debug/pe"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const root = "../.."

func versions(t *testing.T) (version, numeric string) {
	t.Helper()
	version, numeric = os.Getenv("VERSION"), os.Getenv("VERSION_NUM")
	if version == "" || numeric == "" {
		t.Fatal("VERSION and VERSION_NUM must be set (make test-dist sets them from build/version.sh)")
	}
	return version, numeric
}

// artifact is the one file in build/dist matching pattern.
func artifact(t *testing.T, pattern string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(root, "build/dist", pattern))
	if len(m) != 1 {
		t.Fatalf("build/dist/%s: want one file, found %v (run make dist)", pattern, m)
	}
	return m[0]
}

func openPE(t *testing.T, path string) (*pe.File, []resource) {
	t.Helper()
	f, err := pe.Open(path)
	if err != nil {
		t.Fatalf("%s is not a PE file: %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	rs, err := peResources(f)
	if err != nil {
		t.Fatalf("%s: resources: %v", path, err)
	}
	return f, rs
}

func guiSubsystem(t *testing.T, f *pe.File, name string) {
	t.Helper()
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		t.Fatalf("%s: not a PE32+ (64-bit) file", name)
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Errorf("%s: subsystem %d, want the Windows GUI subsystem (no console window)", name, oh.Subsystem)
	}
}

func TestWindowsExeResources(t *testing.T) {
	version, numeric := versions(t)
	path := filepath.Join(root, "build/bin/switchboard.exe")
	f, rs := openPE(t, path)
	guiSubsystem(t, f, path)
	if f.FileHeader.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Errorf("machine %#x, want amd64", f.FileHeader.Machine)
	}

	groups := ofType(rs, rtGroupIcon)
	if len(groups) != 1 {
		t.Fatalf("%d icon groups, want 1", len(groups))
	}
	sizes := iconSizes(groups[0].data)
	for _, want := range []int{16, 32, 48, 256} {
		if !slices.Contains(sizes, want) {
			t.Errorf("icon sizes %v lack %dx%d", sizes, want, want)
		}
	}
	if n := len(ofType(rs, rtIcon)); n != len(sizes) {
		t.Errorf("%d icon images for a group of %d", n, len(sizes))
	}

	manifests := ofType(rs, rtManifest)
	if len(manifests) != 1 || manifests[0].name != 1 {
		t.Fatalf("want one manifest with id 1, found %d", len(manifests))
	}
	m := string(manifests[0].data)
	for _, want := range []string{"permonitorv2", `level="asInvoker"`, "Microsoft.Windows.Common-Controls", `version="` + numeric + `"`} {
		if !strings.Contains(m, want) {
			t.Errorf("manifest lacks %q:\n%s", want, m)
		}
	}

	checkVersionInfo(t, rs, numeric, map[string]string{
		"ProductVersion": version, "FileVersion": version, "ProductName": "Switchboard", "OriginalFilename": "switchboard.exe",
	})
}

func checkVersionInfo(t *testing.T, rs []resource, numeric string, want map[string]string) {
	t.Helper()
	infos := ofType(rs, rtVersion)
	if len(infos) != 1 {
		t.Fatalf("%d version resources, want 1", len(infos))
	}
	file, product, err := fixedVersions(infos[0].data)
	if err != nil {
		t.Fatal(err)
	}
	if file != numeric || product != numeric {
		t.Errorf("fixed file/product version %s/%s, want %s", file, product, numeric)
	}
	for k, v := range want {
		if got, ok := versionString(infos[0].data, k); !ok || got != v {
			t.Errorf("version info %s = %q (found %v), want %q", k, got, ok, v)
		}
	}
}

func TestWindowsInstaller(t *testing.T) {
	version, numeric := versions(t)
	path := artifact(t, "switchboard-"+version+"-windows-amd64-installer.exe")
	f, rs := openPE(t, path)
	if f.FileHeader.Machine != pe.IMAGE_FILE_MACHINE_I386 {
		t.Errorf("NSIS installers are 32-bit stubs; machine %#x", f.FileHeader.Machine)
	}
	manifests := ofType(rs, rtManifest)
	if len(manifests) != 1 {
		t.Fatalf("%d manifests in the installer, want 1", len(manifests))
	}
	// RequestExecutionLevel user: Windows starts it without asking for admin rights.
	if m := string(manifests[0].data); !strings.Contains(m, `level="asInvoker"`) {
		t.Errorf("the installer asks for elevation:\n%s", m)
	}
	checkVersionInfo(t, rs, numeric, map[string]string{"ProductVersion": numeric, "FileDescription": "Switchboard Installer"})
	exe, _ := os.Stat(filepath.Join(root, "build/bin/switchboard.exe"))
	st, _ := os.Stat(path)
	if st.Size() < exe.Size()/4 {
		t.Errorf("installer is %d bytes for a %d-byte program: the program is not in it", st.Size(), exe.Size())
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return strings.TrimSpace(string(out))
}

var linuxFiles = []string{
	"usr/bin/switchboard",
	"usr/share/applications/switchboard.desktop",
	"usr/share/icons/hicolor/16x16/apps/switchboard.png",
	"usr/share/icons/hicolor/48x48/apps/switchboard.png",
	"usr/share/icons/hicolor/256x256/apps/switchboard.png",
	"usr/share/icons/hicolor/512x512/apps/switchboard.png",
	"usr/share/doc/switchboard/copyright",
}

func TestDeb(t *testing.T) {
	version, _ := versions(t)
	path := artifact(t, "switchboard_"+version+"_amd64.deb")
	fields := map[string]string{}
	for _, k := range []string{"Package", "Version", "Architecture", "Depends", "Recommends"} {
		fields[k] = run(t, "dpkg-deb", "-f", path, k)
	}
	want := map[string]string{"Package": "switchboard", "Version": version, "Architecture": "amd64"}
	for k, v := range want {
		if fields[k] != v {
			t.Errorf("%s: %q, want %q", k, fields[k], v)
		}
	}
	for _, dep := range []string{"libwebkit2gtk-4.1-0", "libgtk-3-0"} {
		if !strings.Contains(fields["Depends"], dep) {
			t.Errorf("Depends %q lacks %s", fields["Depends"], dep)
		}
	}
	if fields["Recommends"] != "gnome-keyring | keepassxc" {
		t.Errorf("Recommends %q, want a Secret Service (gnome-keyring | keepassxc)", fields["Recommends"])
	}
	list := run(t, "dpkg-deb", "-c", path)
	for _, f := range linuxFiles {
		if !strings.Contains(list, "./"+f+"\n") && !strings.HasSuffix(list, "./"+f) {
			t.Errorf("the .deb lacks /%s", f)
		}
	}
	desktop := filepath.Join(t.TempDir(), "switchboard.desktop")
	extract(t, exec.Command("dpkg-deb", "--fsys-tarfile", path), "./usr/share/applications/switchboard.desktop", desktop)
	checkDesktop(t, desktop, version)
}

func TestRpm(t *testing.T) {
	version, _ := versions(t)
	path := artifact(t, "switchboard-"+version+"-1.x86_64.rpm")
	if got := run(t, "rpm", "-qp", "--queryformat", "%{NAME} %{VERSION} %{ARCH}", path); got != "switchboard "+version+" x86_64" {
		t.Errorf("rpm name, version, arch: %q", got)
	}
	requires := run(t, "rpm", "-qp", "--requires", path)
	for _, dep := range []string{"webkit2gtk4.1", "gtk3"} {
		if !strings.Contains(requires, dep) {
			t.Errorf("rpm requires %q, lacks %s", requires, dep)
		}
	}
	if rec := run(t, "rpm", "-qp", "--recommends", path); !strings.Contains(rec, "gnome-keyring or keepassxc") {
		t.Errorf("rpm recommends %q, want a Secret Service", rec)
	}
	list := run(t, "rpm", "-qpl", path) + "\n"
	for _, f := range linuxFiles {
		if !strings.Contains(list, "/"+f+"\n") {
			t.Errorf("the .rpm lacks /%s", f)
		}
	}
}

func TestTarball(t *testing.T) {
	version, _ := versions(t)
	path := artifact(t, "switchboard-"+version+"-linux-amd64.tar.gz")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	top := "switchboard-" + version + "/"
	want := map[string]bool{top + "switchboard": false, top + "LICENSE": false, top + "share/applications/switchboard.desktop": false,
		top + "share/icons/hicolor/256x256/apps/switchboard.png": false}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := want[h.Name]; ok {
			want[h.Name] = true
		}
		if h.Name == top+"switchboard" {
			head := make([]byte, 4)
			io.ReadFull(tr, head)
			if string(head) != "\x7fELF" || h.Mode&0o111 == 0 {
				t.Errorf("%s is not an executable ELF file (mode %o)", h.Name, h.Mode)
			}
		}
	}
	for name, found := range want {
		if !found {
			t.Errorf("the tarball lacks %s", name)
		}
	}
}

func TestLinuxBinaryVersion(t *testing.T) {
	version, _ := versions(t)
	if got := run(t, filepath.Join(root, "build/bin/switchboard"), "version"); got != "switchboard "+version {
		t.Errorf("switchboard version: %q, want %q", got, "switchboard "+version)
	}
}

func TestInfoPlist(t *testing.T) {
	version, numeric := versions(t)
	b, err := os.ReadFile(filepath.Join(root, "build/bin/darwin/Info.plist"))
	if err != nil {
		t.Fatal(err)
	}
	var plist struct {
		Dict struct {
			Items []struct {
				XMLName xml.Name
				Value   string `xml:",chardata"`
			} `xml:",any"`
		} `xml:"dict"`
	}
	if err := xml.Unmarshal(b, &plist); err != nil {
		t.Fatalf("Info.plist: %v", err)
	}
	got := map[string]string{}
	items := plist.Dict.Items
	for i := 0; i+1 < len(items); i += 2 {
		if items[i].XMLName.Local != "key" {
			t.Fatalf("Info.plist: %s where a key was expected", items[i].XMLName.Local)
		}
		got[items[i].Value] = items[i+1].Value
	}
	want := map[string]string{"CFBundleIdentifier": "io.switchboard.app", "CFBundleExecutable": "switchboard",
		"CFBundleShortVersionString": version, "CFBundleVersion": numeric, "LSMinimumSystemVersion": "10.15.0", "CFBundleIconFile": "iconfile"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("Info.plist %s = %q, want %q", k, got[k], v)
		}
	}
}

func checkDesktop(t *testing.T, path, version string) {
	t.Helper()
	run(t, "desktop-file-validate", path)
	b, _ := os.ReadFile(path)
	for _, want := range []string{"Exec=switchboard\n", "Icon=switchboard\n", "X-Switchboard-Version=" + version + "\n"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("desktop entry lacks %q:\n%s", want, b)
		}
	}
}

// extract writes the member name of the tar stream cmd prints to dst.
func extract(t *testing.T, cmd *exec.Cmd, name, dst string) {
	t.Helper()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	tr := tar.NewReader(out)
	for {
		h, err := tr.Next()
		if err != nil {
			t.Fatalf("%s not found in the package: %v", name, err)
		}
		if h.Name == name {
			b, _ := io.ReadAll(tr)
			if err := os.WriteFile(dst, b, 0o644); err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, out)
			return
		}
	}
}
