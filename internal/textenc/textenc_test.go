package textenc

import (
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"\xff\xfe{\x00\"\x00", utf16LE},
		{"\xfe\xff\x00{\x00\"", utf16BE},
		{"{\x00\"\x00V\x00", utf16LE},
		{"\x00{\x00\"\x00V", utf16BE},
		{"\xff\xfe\x00\x00{\x00\x00\x00", utf32LE},
		{"\x00\x00\xfe\xff\x00\x00\x00{", utf32BE},
		{"\xef\xbb\xbf{\"Vpcs\": []}", ""},
		{"{\"Vpcs\": []}", ""},
		{"", ""},
		{"ab", ""},
	} {
		if got := Detect([]byte(tc.in)); got != tc.want {
			t.Errorf("Detect(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"\xff\xfe{\x00\"\x00\xe9\x00", "{\"é", ""},
		{"\xfe\xff\x00{\x00\"", "{\"", ""},
		{"{\x00\"\x00", "{\"", ""},
		{"\xef\xbb\xbfnetverify: v1", "netverify: v1", ""},
		{"plain", "plain", ""},
		{"\xff\xfe{\x00\"", "", "odd number of bytes"},
		{"\xff\xfe\x00\x00{\x00\x00\x00", "", "iconv -f UTF-32LE"},
	} {
		got, err := Decode([]byte(tc.in))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Decode(%q): error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || string(got) != tc.want {
			t.Errorf("Decode(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}
