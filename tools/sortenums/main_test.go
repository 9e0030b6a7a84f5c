package main

import "testing"

func TestEnumsComeOutInNameOrderWhateverTheInputOrder(t *testing.T) {
	a := "export namespace backend {\n\t\n\texport enum Zed {\n\t    A = \"a\",\n\t}\n\texport enum Alpha {\n\t    B = \"b\",\n\t}\n\texport interface X {\n\t    id: number;\n\t}\n\n}\n"
	b := "export namespace backend {\n\t\n\texport enum Alpha {\n\t    B = \"b\",\n\t}\n\texport enum Zed {\n\t    A = \"a\",\n\t}\n\texport interface X {\n\t    id: number;\n\t}\n\n}\n"
	if got := sortEnums(a); got != b {
		t.Errorf("got\n%s\nwant\n%s", got, b)
	}
	if got := sortEnums(b); got != b {
		t.Errorf("sorted input changed:\n%s", got)
	}
}
