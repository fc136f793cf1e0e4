package http

import (
	"fmt"
	"regexp"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/dns"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/reach"
)

// serviceWord is what an AWS service is called in an endpoint service name:
// ssm, sqs, s3, ecr.api, secretsmanager...
var serviceWord = regexp.MustCompile(`^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)?$`)

// IsServiceWord reports whether name could be an AWS service ("ssm").
func IsServiceWord(name string) bool { return serviceWord.MatchString(name) }

// Service resolves an AWS service by name the way an SDK in the client
// would: <svc>.<region>.amazonaws.com through the client's DNS, which gives
// the interface endpoint when its private DNS applies, else the public front
// end (R7.12, R8.5, R11.5). It returns the endpoint to connect to.
func (c *Caller) Service(from, svc string) (reach.Endpoint, *dns.Result, error) {
	cl, err := c.client(from)
	if err != nil {
		return reach.Endpoint{}, nil, err
	}
	region := c.clientRegion(cl.ep)
	if region == "" {
		return reach.Endpoint{}, nil, fmt.Errorf("cannot tell the Region of %s to form the %s service name", from, svc)
	}
	host := svc + "." + region + ".amazonaws.com"
	res, err := c.dns.Resolve(cl.origin, host, mdns.TypeA)
	if err != nil {
		return reach.Endpoint{}, nil, err
	}
	if !res.Resolved() {
		return reach.Endpoint{}, res, fmt.Errorf("%s does not resolve from %s (%s)", host, from, res.RcodeString())
	}
	dst, err := names.ByIP(c.net, svc, res.Addrs()[0])
	if err != nil {
		return reach.Endpoint{}, res, err
	}
	dst.Name = svc
	return dst, res, nil
}

// Source is the packet endpoint of a client name, including a Lambda
// function outside any VPC, which sends from AWS's network (R11.1); note
// says so when it applies.
func (c *Caller) Source(from string) (ep reach.Endpoint, note string, err error) {
	cl, err := c.client(from)
	return cl.ep, cl.note, err
}

func (c *Caller) clientRegion(ep reach.Endpoint) string {
	if ep.Kind == reach.AtENI && ep.ENI.VPC != nil && ep.ENI.VPC.M.Region != "" {
		return ep.ENI.VPC.M.Region
	}
	return regionOf(c.snap, &model.Meta{})
}
