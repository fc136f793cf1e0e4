package snapcache

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"reflect"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/netverify/netverify/model"
)

// The entry file:
//
//	magic (8 bytes, ends in the format version)
//	key (32 bytes): the fingerprint it was written for
//	n (uint32): the number of sections
//	n × (length uint64, CRC-32C uint32)
//	the sections, back to back
//
// Section 0 is the gob of an entryHead: the racy files' content sums and
// which part of the snapshot every other section holds. Each other section
// is a gob stream of its own (a snapshot field, or a chunk of a long slice
// field, or the diagnostics), so the sections decode in parallel. Every
// exported field of model.Snapshot is written by reflection: a kind added
// to the model is cached without a change here (TestEveryFieldIsCached).
const magic = "NVSNAP\x00\x02"

// chunk is how many elements of a slice field one section holds.
const chunk = 4096

var crcTable = crc32.MakeTable(crc32.Castagnoli)

type entryHead struct {
	Racy  []contentSum
	Parts []part
}

// part names what a section holds: a field of model.Snapshot, or
// diagField for the diagnostics.
type part struct{ Field string }

const diagField = "#diagnostics"

// encode returns the entry of snap and diags for key, as the pieces to
// write one after the other (not joined: an entry can be tens of MB).
func encode(key [32]byte, racy []contentSum, snap *model.Snapshot, diags model.Diagnostics) ([][]byte, error) {
	head := entryHead{Racy: racy}
	var bodies [][]byte
	add := func(field string, v any) error {
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(v); err != nil {
			return fmt.Errorf("snapcache: encode %s: %w", field, err)
		}
		head.Parts = append(head.Parts, part{field})
		bodies = append(bodies, b.Bytes())
		return nil
	}
	if err := add(diagField, diagBox{diags}); err != nil {
		return nil, err
	}
	sv := reflect.ValueOf(snap).Elem()
	for i := range sv.NumField() {
		f, name := sv.Field(i), sv.Type().Field(i).Name
		if !sv.Type().Field(i).IsExported() || f.IsZero() {
			continue
		}
		if f.Kind() != reflect.Slice {
			if err := add(name, f.Interface()); err != nil {
				return nil, err
			}
			continue
		}
		for lo := 0; lo < f.Len(); lo += chunk {
			if err := add(name, f.Slice(lo, min(lo+chunk, f.Len())).Interface()); err != nil {
				return nil, err
			}
		}
	}
	var hb bytes.Buffer
	if err := gob.NewEncoder(&hb).Encode(head); err != nil {
		return nil, err
	}
	bodies = append([][]byte{hb.Bytes()}, bodies...)
	top := append([]byte(magic), key[:]...)
	top = binary.LittleEndian.AppendUint32(top, uint32(len(bodies)))
	for _, b := range bodies {
		top = binary.LittleEndian.AppendUint64(top, uint64(len(b)))
		top = binary.LittleEndian.AppendUint32(top, crc32.Checksum(b, crcTable))
	}
	return append([][]byte{top}, bodies...), nil
}

// diagBox lets an empty diagnostics list be encoded (gob refuses a bare
// empty slice at the top level of nothing).
type diagBox struct{ D model.Diagnostics }

// errCorrupt is an entry that is not what this build writes: truncated,
// altered, or of another format. It is ignored and rewritten.
var errCorrupt = errors.New("snapcache: corrupt entry")

// sections splits an entry into its sections, checking the magic, the key,
// the lengths and (for each section) its CRC.
func sections(data []byte, key [32]byte) ([][]byte, error) {
	const fixed = len(magic) + 32 + 4
	if len(data) < fixed || string(data[:len(magic)]) != magic || !bytes.Equal(data[len(magic):len(magic)+32], key[:]) {
		return nil, errCorrupt
	}
	n := int(binary.LittleEndian.Uint32(data[fixed-4:]))
	if n < 1 || n > (len(data)-fixed)/12 {
		return nil, errCorrupt
	}
	table, body := data[fixed:fixed+12*n], data[fixed+12*n:]
	out := make([][]byte, n)
	for i := range n {
		l := binary.LittleEndian.Uint64(table[12*i:])
		if l > uint64(len(body)) {
			return nil, errCorrupt
		}
		out[i], body = body[:l], body[l:]
		if crc32.Checksum(out[i], crcTable) != binary.LittleEndian.Uint32(table[12*i+8:]) {
			return nil, errCorrupt
		}
	}
	if len(body) != 0 {
		return nil, errCorrupt
	}
	return out, nil
}

// decodeHead reads section 0.
func decodeHead(secs [][]byte) (entryHead, error) {
	var head entryHead
	if err := gobDecode(secs[0], &head); err != nil || len(head.Parts) != len(secs)-1 {
		return head, errCorrupt
	}
	return head, nil
}

// decodeBody rebuilds the snapshot and diagnostics from the other
// sections, decoding them in parallel.
func decodeBody(head entryHead, secs [][]byte) (*model.Snapshot, model.Diagnostics, error) {
	// Everything decoded stays live: a collection during the decode would
	// find nothing to free (on a 1,000-VPC entry it was a third of the time).
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	snap := model.New()
	sv := reflect.ValueOf(snap).Elem()
	vals := make([]reflect.Value, len(head.Parts))
	errs := make([]error, len(head.Parts))
	for i, p := range head.Parts {
		if p.Field == diagField {
			vals[i] = reflect.New(reflect.TypeFor[diagBox]())
			continue
		}
		f, ok := sv.Type().FieldByName(p.Field)
		if !ok || !f.IsExported() {
			return nil, nil, errCorrupt
		}
		vals[i] = reflect.New(f.Type)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				errs[i] = gobDecode(secs[i+1], vals[i].Interface())
			}
		})
	}
	for i := range head.Parts {
		next <- i
	}
	close(next)
	wg.Wait()
	var diags model.Diagnostics
	for i, p := range head.Parts {
		if errs[i] != nil {
			return nil, nil, errCorrupt
		}
		if p.Field == diagField {
			diags = vals[i].Interface().(*diagBox).D
			continue
		}
		f := sv.FieldByName(p.Field)
		v := vals[i].Elem()
		if f.Kind() == reflect.Slice {
			v = reflect.AppendSlice(f, v)
		}
		f.Set(v)
	}
	return snap, diags, nil
}

// gobDecode decodes one gob value; a panic inside the decoder (it should
// not have one, but the input is a file anyone could have written) is an
// error, never a crash.
func gobDecode(b []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("snapcache: decode: %v", r)
		}
	}()
	return gob.NewDecoder(bytes.NewReader(b)).Decode(v)
}
