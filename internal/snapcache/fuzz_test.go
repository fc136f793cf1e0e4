package snapcache

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"testing"

	"github.com/netverify/netverify/importers/load"
)

// FuzzEntry (issue 24: a parser for every input): a cache entry is a file on
// disk that anything may have damaged. Whatever its bytes, reading it gives
// either a snapshot or errCorrupt, never a panic or a hang. The CRCs of a
// mutated entry are recomputed first, so the mutations reach the gob
// decoding of the sections instead of stopping at the checksum.
func FuzzEntry(f *testing.F) {
	key := [32]byte{1, 2, 3}
	for _, src := range []string{"example:serverless-hybrid", "example:nacl-ephemeral"} {
		snap, diags, err := load.All([]string{src}, load.Options{})
		if err != nil {
			f.Fatal(err)
		}
		Canonical(snap)
		pieces, err := encode(key, nil, snap, diags)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(bytes.Join(pieces, nil))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		data = withCRCs(data)
		secs, err := sections(data, key)
		if err != nil {
			return
		}
		head, err := decodeHead(secs)
		if err != nil {
			return
		}
		_, _, _ = decodeBody(head, secs)
	})
}

// withCRCs returns data with the CRC of every section it can find set to
// that section's checksum.
func withCRCs(data []byte) []byte {
	const fixed = len(magic) + 32 + 4
	if len(data) < fixed {
		return data
	}
	n := int(binary.LittleEndian.Uint32(data[fixed-4:]))
	if n < 1 || n > (len(data)-fixed)/12 {
		return data
	}
	out := bytes.Clone(data)
	table, body := out[fixed:fixed+12*n], out[fixed+12*n:]
	for i := range n {
		l := binary.LittleEndian.Uint64(table[12*i:])
		if l > uint64(len(body)) {
			break
		}
		binary.LittleEndian.PutUint32(table[12*i+8:], crc32.Checksum(body[:l], crcTable))
		body = body[l:]
	}
	return out
}
