package dns

import (
	"slices"
	"testing"

	mdns "github.com/miekg/dns"
)

// TestServeUDPAndTCP_S1: dns serve answers a real miekg/dns client on
// loopback, over UDP and TCP, as the model resolves for the on-premises client.
func TestServeUDPAndTCP_S1(t *testing.T) {
	r := loadExample(t, "serverless-hybrid")
	o, err := r.Origin("onprem")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := Listen("127.0.0.1:0", &Handler{R: r, Origin: o})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	tests := []struct {
		net, name string
		rcode     int
		want      []string
	}{
		{"udp", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com.", mdns.RcodeSuccess, []string{"10.10.1.10", "10.10.2.10"}},
		{"tcp", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com.", mdns.RcodeSuccess, []string{"10.10.1.10", "10.10.2.10"}},
		{"udp", "build.corp.example.com.", mdns.RcodeSuccess, []string{"192.168.20.40"}},
		{"tcp", "nothing.corp.example.com.", mdns.RcodeNameError, nil},
	}
	for _, tt := range tests {
		t.Run(tt.net+"/"+tt.name, func(t *testing.T) {
			c := &mdns.Client{Net: tt.net}
			m := new(mdns.Msg)
			m.SetQuestion(tt.name, mdns.TypeA)
			in, _, err := c.Exchange(m, srv.Addr)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, rr := range in.Answer {
				if a, ok := rr.(*mdns.A); ok {
					got = append(got, a.A.String())
				}
			}
			slices.Sort(got)
			if in.Rcode != tt.rcode || !slices.Equal(got, tt.want) {
				t.Errorf("got %s %v, want %s %v", mdns.RcodeToString[in.Rcode], got, mdns.RcodeToString[tt.rcode], tt.want)
			}
		})
	}
}
