package awsjson

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/netverify/netverify/importers/synth"
	"github.com/netverify/netverify/internal/testcorpus"
)

// wrap rebuilds {"key": value} so the value decodes into its SDK output type.
func wrap(key string, value []byte) []byte {
	if key == "" {
		return value
	}
	return append(append([]byte(`{"`+key+`":`), value...), '}')
}

// referenceDecode is the encoding/json path the decoder replaced: a copy of
// the file with dropped members nulled, each member wrapped and unmarshalled.
func referenceDecode(data []byte, h *handler, k topKey) (any, error) {
	doc, err := scan(data, droppedMembers())
	if err != nil {
		return nil, err
	}
	buf := doc.buf
	if doc.top == '{' && h.key != "" {
		for _, rk := range doc.keys {
			if rk.name == k.name {
				buf = doc.buf[rk.start:rk.end]
			}
		}
	}
	out := h.target()
	return out, json.Unmarshal(wrap(h.key, buf), out)
}

// TestDecoderAgreesWithEncodingJSON checks that the fast decoder fills every
// SDK output type exactly as encoding/json does, on every file of the corpus
// and of a synthetic estate, including which field a type mismatch names.
func TestDecoderAgreesWithEncodingJSON(t *testing.T) {
	var files []string
	if root := testcorpus.Find(); root != "" {
		for _, sub := range []string{"batfish", "api-json"} {
			filepath.WalkDir(filepath.Join(root, sub), func(p string, de os.DirEntry, err error) error {
				if err == nil && !de.IsDir() && strings.HasSuffix(p, ".json") {
					files = append(files, p)
				}
				return nil
			})
		}
	}
	dir := filepath.Join(t.TempDir(), "synth")
	if _, err := synth.Write(synth.Options{VPCs: 4, Seed: 7, Out: dir}); err != nil {
		t.Fatal(err)
	}
	synthFiles, _, _ := jsonFiles(dir)
	files = append(files, synthFiles...)
	compared := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		compared += compareDecoders(t, f, data)
	}
	if compared < 20 {
		t.Fatalf("compared only %d members", compared)
	}
	t.Logf("compared %d members of %d files", compared, len(files))
}

// compareDecoders decodes data (a file called name) both ways and reports
// any difference; it returns how many members it compared.
func compareDecoders(t *testing.T, name string, data []byte) int {
	t.Helper()
	doc, err := scan(data, nil)
	if err != nil {
		return 0 // malformed: no decoding happens
	}
	n := 0
	for _, job := range decodeJobs(doc, filepath.Base(name)) {
		got := job.h.target()
		var gotErr error
		if job.h.key == "" {
			gotErr = decodeInto(doc.buf[job.k.start:job.k.end], got, "", 0)
		} else {
			gotErr = decodeMember(doc.buf[job.k.start:job.k.end], got, job.h.key, len(job.k.elems))
		}
		want, wantErr := referenceDecode(data, job.h, job.k)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %s: decoder and encoding/json disagree:\n got %+v\nwant %+v", name, job.k.name, got, want)
		}
		var gte, wte *json.UnmarshalTypeError
		if errors.As(gotErr, &gte) != errors.As(wantErr, &wte) || (gte != nil && gte.Field != wte.Field) {
			t.Errorf("%s: %s: type error: decoder %v, encoding/json %v", name, job.k.name, gotErr, wantErr)
		}
		n++
	}
	return n
}

// FuzzDecoderMatchesEncodingJSON: on any input the scanner accepts, the
// decoder fills the SDK types as encoding/json does.
func FuzzDecoderMatchesEncodingJSON(f *testing.F) {
	f.Add(uint8(0), []byte(`{"Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16","IsDefault":true,"Tags":[{"Key":"Name","Value":"a\u00e9"}]}]}`))
	f.Add(uint8(6), []byte(`{"NetworkInterfaces":[{"NetworkInterfaceId":"eni-1","Attachment":{"DeviceIndex":1.5},"Groups":[],"PrivateIpAddresses":null}]}`))
	f.Add(uint8(12), []byte(`{"items":[{"id":"a1","endpointConfiguration":{"types":["PRIVATE"]},"createdDate":1452812505,"tags":{"k":"v"}}]}`))
	f.Add(uint8(13), []byte(`{"Functions":[{"FunctionName":"f","Environment":{"Variables":{"A":"b"}},"VpcConfig":{"SubnetIds":["s"]}}]}`))
	f.Fuzz(func(t *testing.T, name uint8, data []byte) {
		compareDecoders(t, fuzzNames[int(name)%len(fuzzNames)], data)
	})
}

type decodeJob struct {
	h *handler
	k topKey
}

// decodeJobs mirrors fileCtx.decode's choice of handlers.
func decodeJobs(doc *scanned, name string) []decodeJob {
	if doc.top == '[' {
		if h := handlerByName(name); h != nil && h.key != "" {
			return []decodeJob{{h, topKey{name: h.key, end: len(doc.buf)}}}
		}
		return nil
	}
	var jobs []decodeJob
	for _, k := range doc.keys {
		h := handlerByKey[k.name]
		if h != nil && h.generic {
			h = handlerForGeneric(k.name, name)
		}
		if h != nil {
			jobs = append(jobs, decodeJob{h, k})
		}
	}
	if len(jobs) == 0 {
		if h := handlerByName(name); h != nil && h.key == "" {
			jobs = append(jobs, decodeJob{h, topKey{end: len(doc.buf)}})
		}
	}
	return jobs
}

// TestDecoderTypeMismatch checks what users see of decoding: a mismatched
// field is skipped (and reported as a warning), the rest of the item is kept.
func TestDecoderTypeMismatch(t *testing.T) {
	tests := []struct {
		name, in, field string
	}{
		{"string where a bool is", `[{"VpcId":"vpc-1","IsDefault":"yes","CidrBlock":"10.0.0.0/16"}]`, "Vpcs.IsDefault"},
		{"escapes, case-insensitive names, CLI timestamps", `[{"vpcid":"vpc-\u0031","CidrBlock":"10.0.0.0\/16","CreationTime":"2017-11-10 06:01:03+00:00"}]`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got ec2.DescribeVpcsOutput
			err := decodeMember([]byte(tt.in), &got, "Vpcs", 1)
			var te *json.UnmarshalTypeError
			if tt.field == "" && err != nil || tt.field != "" && (!errors.As(err, &te) || te.Field != tt.field) {
				t.Fatalf("err = %v, want a type error at %q", err, tt.field)
			}
			if len(got.Vpcs) != 1 || *got.Vpcs[0].VpcId != "vpc-1" || *got.Vpcs[0].CidrBlock != "10.0.0.0/16" {
				t.Errorf("got %+v", got.Vpcs)
			}
		})
	}
}
