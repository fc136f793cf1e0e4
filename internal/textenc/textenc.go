// Package textenc turns input files into UTF-8 before any importer reads
// them. Windows PowerShell's `>` writes UTF-16 with a byte order mark
// (`aws ec2 describe-vpcs > Vpcs.json`, `terraform show -json > plan.json`),
// so such files are decoded rather than reported as a baffling syntax error
// or "cannot tell the format"; encodings netverify does not read (UTF-32) are
// named in a clear error.
package textenc

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf16"
)

// Decode returns data as UTF-8: without a UTF-8 byte order mark, and decoded
// from UTF-16 when it has a UTF-16 byte order mark or, without one, starts
// with ASCII characters in UTF-16. Anything else is returned as it is (the
// importers report invalid UTF-8 at its position).
func Decode(data []byte) ([]byte, error) {
	switch enc := Detect(data); enc {
	case "":
		return bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}), nil
	case utf16LE, utf16BE:
		order := binary.ByteOrder(binary.LittleEndian)
		if enc == utf16BE {
			order = binary.BigEndian
		}
		return decodeUTF16(data, order)
	default:
		return nil, fmt.Errorf("the file is %s text; netverify reads UTF-8 and UTF-16: convert it, e.g. `iconv -f %s -t UTF-8 FILE > FILE.utf8`",
			enc, iconvName(enc))
	}
}

const (
	utf16LE = "UTF-16 little-endian"
	utf16BE = "UTF-16 big-endian"
	utf32LE = "UTF-32 little-endian"
	utf32BE = "UTF-32 big-endian"
)

// Detect names the encoding of data when it is UTF-16 or UTF-32, or returns "".
func Detect(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}):
		return utf32LE
	case bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		return utf32BE
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return utf16LE
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return utf16BE
	}
	// Without a byte order mark: ASCII text in UTF-16 has a NUL in every
	// other byte, which UTF-8 text (and so JSON or YAML) never holds.
	if len(data) >= 4 {
		switch {
		case data[0] != 0 && data[1] == 0 && data[2] != 0 && data[3] == 0:
			return utf16LE
		case data[0] == 0 && data[1] != 0 && data[2] == 0 && data[3] != 0:
			return utf16BE
		}
	}
	return ""
}

func decodeUTF16(b []byte, order binary.ByteOrder) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, fmt.Errorf("the file is UTF-16 text but has an odd number of bytes; it is truncated")
	}
	units := make([]uint16, 0, len(b)/2)
	for i := 0; i < len(b); i += 2 {
		units = append(units, order.Uint16(b[i:]))
	}
	if len(units) > 0 && units[0] == 0xFEFF {
		units = units[1:]
	}
	return []byte(string(utf16.Decode(units))), nil
}

func iconvName(enc string) string {
	if enc == utf32LE {
		return "UTF-32LE"
	}
	return "UTF-32BE"
}
