package dns

import (
	"fmt"
	"testing"
	"time"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/importers/awsjson"
	"github.com/netverify/netverify/importers/synth"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// BenchmarkResolve10kFrom100VPCs resolves 10,000 names (Amazon-provided
// names of every VPC's interfaces, endpoint and service names) from 100 VPCs
// of a synthetic estate. Budget: under 1 s per 10,000.
func BenchmarkResolve10kFrom100VPCs(b *testing.B) {
	dir := b.TempDir()
	if _, err := synth.Write(synth.Options{VPCs: 100, Seed: 7, Out: dir}); err != nil {
		b.Fatal(err)
	}
	s, _, err := awsjson.LoadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	model.Derive(s)
	model.Validate(s)
	r := New(network.Compile(s))
	type job struct {
		o    Origin
		name string
	}
	var jobs []job
	for i := 0; len(jobs) < 10000; i++ {
		v := s.VPCs[i%len(s.VPCs)]
		e := s.ENIs[i%len(s.ENIs)]
		names := []string{
			fmt.Sprintf("ip-%d-%d-%d-%d.%s", e.PrimaryIP().As4()[0], e.PrimaryIP().As4()[1], e.PrimaryIP().As4()[2], e.PrimaryIP().As4()[3], privateDomains(v.Region)[0]),
			"ssm." + v.Region + ".amazonaws.com",
			fmt.Sprintf("api%d.execute-api.%s.amazonaws.com", i, v.Region),
			fmt.Sprintf("host%d.example.com", i),
		}
		jobs = append(jobs, job{Origin{Name: v.ID, VPC: v.ID}, names[i%len(names)]})
	}
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		for _, j := range jobs {
			if _, err := r.Resolve(j.o, j.name, mdns.TypeA); err != nil {
				b.Fatal(err)
			}
		}
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(per.Seconds(), "s/10k-names")
	if per > time.Second {
		b.Errorf("10,000 resolutions took %v, budget 1 s", per)
	}
}
