package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/netverify/netverify/scenarios"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
)

// FuzzFlowsCSV runs `can-reach --flows` over arbitrary CSV on the built-in
// example: every file is answered (exit 0, 1) or rejected as bad input
// (exit 2); nothing panics (issue 10).
func FuzzFlowsCSV(f *testing.F) {
	f.Add([]byte("src,dst,proto,port\nonprem-client,orders-fn,tcp,443\n"))
	f.Add([]byte("src,dst\n10.0.0.1,8.8.8.8\n"))
	f.Add([]byte("dst,port,src,proto\ninternet,22,orders-fn,udp\n,,,\n"))
	f.Add([]byte("\"src\",\"dst\"\n\"a,b\",\"c\"\"\"\n"))
	path := filepath.Join(f.TempDir(), "flows.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if code := run([]string{"can-reach", "--flows", path, "--json"}, io.Discard, io.Discard); code < 0 || code > 2 {
			t.Fatalf("exit code %d", code)
		}
	})
}

// FuzzEndpointName resolves arbitrary endpoint names (IDs, names, IPs,
// CIDRs, `internet`, `onprem:site`, service words) on the built-in example:
// a name resolves or is an error; nothing panics.
func FuzzEndpointName(f *testing.F) {
	for _, s := range []string{"onprem-client", "orders-fn", "10.0.1.10", "8.8.8.8", "internet", "onprem",
		"onprem:dc1", "10.0.0.0/16", "::1", "ssm", "s3", "vpc-", "eni-0", "", "api:orders"} {
		f.Add(s)
	}
	snap, _, err := scenarios.LoadExample("serverless-hybrid")
	if err != nil {
		f.Fatal(err)
	}
	n := network.Compile(snap)
	f.Fuzz(func(t *testing.T, name string) {
		_, _ = names.Resolve(n, name)
	})
}
