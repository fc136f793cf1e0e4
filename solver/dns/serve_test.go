package dns

import (
	"fmt"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/model"
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

// serveZone serves, to the instance "web" of the public-api-gotcha example,
// a public zone example.com with a self-referencing CNAME, a name of 40
// addresses (a reply over 512 bytes) and one of 6,000.
func serveZone(t *testing.T) *Server {
	t.Helper()
	s := example(t, "public-api-gotcha")
	many := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("198.%d.%d.%d", 18+i>>16, i>>8&255, i&255)
		}
		return out
	}
	s.HostedZones = append(s.HostedZones, &model.HostedZone{Meta: model.Meta{ID: "Z-SERVE", Account: "111111111111"}, ZoneName: "example.com",
		Records: []model.RecordSet{
			{Name: "self.example.com", Type: "CNAME", TTL: 300, Values: []string{"self.example.com"}},
			{Name: "mid.example.com", Type: "A", TTL: 300, Values: many(40)},
			{Name: "big.example.com", Type: "A", TTL: 300, Values: many(6000)},
		}})
	r := compile(t, s)
	o, err := r.Origin("web")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := Listen("127.0.0.1:0", &Handler{R: r, Origin: o})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	return srv
}

// exchange sends one query and returns the reply and its size on the wire
// (over TCP: as packed with compression, which the server uses).
func exchange(t *testing.T, srv *Server, network, name string, qtype, class uint16, edns uint16) (*mdns.Msg, int) {
	t.Helper()
	m := new(mdns.Msg)
	m.SetQuestion(name, qtype)
	m.Question[0].Qclass = class
	if edns > 0 {
		m.SetEdns0(edns, false)
	}
	if network == "udp" {
		return exchangeUDP(t, srv, m)
	}
	c := &mdns.Client{Net: network, Timeout: 5 * time.Second}
	in, _, err := c.Exchange(m, srv.Addr)
	if err != nil {
		t.Fatalf("%s %s over %s: %v", name, mdns.TypeToString[qtype], network, err)
	}
	in.Compress = true
	wire, err := in.Pack()
	if err != nil {
		t.Fatal(err)
	}
	return in, len(wire)
}

// exchangeUDP sends m in one datagram and reads the reply's datagram.
func exchangeUDP(t *testing.T, srv *Server, m *mdns.Msg) (*mdns.Msg, int) {
	t.Helper()
	conn, err := net.Dial("udp", srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	q, err := m.Pack()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Write(q); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 65535)
	n, err := conn.Read(buf)
	if err != nil {
		t.Fatalf("%s over UDP: %v", m.Question[0].Name, err)
	}
	in := new(mdns.Msg)
	if err := in.Unpack(buf[:n]); err != nil {
		t.Fatal(err)
	}
	return in, n
}

// TestServeTruncatesOverUDP (issue 24): over UDP a reply fits 512 bytes
// without EDNS (RFC 1035 4.2.1) or the client's EDNS(0) buffer size
// (RFC 6891 6.2.5); a larger answer is sent with TC set, and the client
// gets it whole over TCP (RFC 7766). Names are compressed (RFC 1035 4.1.4).
func TestServeTruncatesOverUDP(t *testing.T) {
	srv := serveZone(t)
	in, size := exchange(t, srv, "udp", "mid.example.com.", mdns.TypeA, mdns.ClassINET, 0)
	if !in.Truncated || size > 512 || len(in.Answer) == 40 {
		t.Errorf("UDP without EDNS: TC %v, %d bytes, %d records; want TC, <= 512 bytes", in.Truncated, size, len(in.Answer))
	}
	in, size = exchange(t, srv, "udp", "mid.example.com.", mdns.TypeA, mdns.ClassINET, 1232)
	if in.Truncated || len(in.Answer) != 40 || size > 1232 {
		t.Errorf("UDP with EDNS 1232: TC %v, %d bytes, %d records; want all 40 in 1232 bytes", in.Truncated, size, len(in.Answer))
	}
	if in.IsEdns0() == nil {
		t.Error("the reply to an EDNS query has no OPT record")
	}
	// 40 uncompressed records of mid.example.com. take 40*31 bytes: compressed, each name is a 2-byte pointer.
	if size > 40*16+100 {
		t.Errorf("reply of %d bytes: names not compressed", size)
	}
	in, _ = exchange(t, srv, "tcp", "mid.example.com.", mdns.TypeA, mdns.ClassINET, 0)
	if in.Truncated || len(in.Answer) != 40 {
		t.Errorf("TCP: TC %v, %d records; want all 40", in.Truncated, len(in.Answer))
	}
}

// TestServeLargeAnswerOverTCP (issue 24): 6,000 addresses (96,000 bytes
// compressed, more than one DNS message holds) get a reply over TCP: as
// many as fit in 64 KiB, with TC set; over UDP a truncated reply.
func TestServeLargeAnswerOverTCP(t *testing.T) {
	srv := serveZone(t)
	in, size := exchange(t, srv, "tcp", "big.example.com.", mdns.TypeA, mdns.ClassINET, 0)
	if in.Rcode != mdns.RcodeSuccess || len(in.Answer) < 4000 || size > mdns.MaxMsgSize || !in.Truncated {
		t.Errorf("TCP: %s, %d records, %d bytes, TC %v", mdns.RcodeToString[in.Rcode], len(in.Answer), size, in.Truncated)
	}
	in, size = exchange(t, srv, "udp", "big.example.com.", mdns.TypeA, mdns.ClassINET, 4096)
	if !in.Truncated || size > 4096 {
		t.Errorf("UDP: TC %v, %d bytes", in.Truncated, size)
	}
}

// TestServeRefusals (issue 24): a self-referencing CNAME is a loop
// (SERVFAIL, R10.13); ANY is NOTIMP and AXFR REFUSED (the model holds
// only A, AAAA and CNAME records and a resolver serves no zone transfers);
// CHAOS class is REFUSED; the root name is a valid question (no data).
func TestServeRefusals(t *testing.T) {
	srv := serveZone(t)
	for _, tt := range []struct {
		net, name   string
		qtype, cls  uint16
		rcode, recs int
	}{
		{"udp", "self.example.com.", mdns.TypeA, mdns.ClassINET, mdns.RcodeServerFailure, -1},
		{"udp", "mid.example.com.", mdns.TypeANY, mdns.ClassINET, mdns.RcodeNotImplemented, 0},
		{"tcp", "example.com.", mdns.TypeAXFR, mdns.ClassINET, mdns.RcodeRefused, 0},
		{"udp", "version.bind.", mdns.TypeTXT, mdns.ClassCHAOS, mdns.RcodeRefused, 0},
		{"udp", ".", mdns.TypeA, mdns.ClassINET, mdns.RcodeSuccess, 0},
	} {
		in, _ := exchange(t, srv, tt.net, tt.name, tt.qtype, tt.cls, 0)
		if in.Rcode != tt.rcode || (tt.recs >= 0 && len(in.Answer) != tt.recs) {
			t.Errorf("%s %s %s: got %s with %d records, want %s", tt.name, mdns.ClassToString[tt.cls], mdns.TypeToString[tt.qtype],
				mdns.RcodeToString[in.Rcode], len(in.Answer), mdns.RcodeToString[tt.rcode])
		}
	}
}

// TestServeLoad: 8 clients each send 250 queries over UDP to 127.0.0.1 and
// get every answer right (a bounded load: 2,000 queries, no timing asserted).
func TestServeLoad(t *testing.T) {
	srv := serveZone(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &mdns.Client{Net: "udp", Timeout: 5 * time.Second}
			for i := range 250 {
				m := new(mdns.Msg)
				m.SetQuestion("mid.example.com.", mdns.TypeA)
				m.SetEdns0(4096, false)
				in, _, err := c.Exchange(m, srv.Addr)
				if err == nil && (in.Rcode != mdns.RcodeSuccess || len(in.Answer) != 40) {
					err = fmt.Errorf("%s, %d records", mdns.RcodeToString[in.Rcode], len(in.Answer))
				}
				if err != nil {
					errs <- fmt.Errorf("client %d query %d: %w", w, i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
