package cfn

import (
	"fmt"
	"net/netip"
	"strconv"

	"github.com/netverify/netverify/model"
)

// instance converts an EC2 instance and its primary network interface. A
// private IP not written in the template is left for model.Derive to allocate.
func instance(imp *importer, r *resource, p props) {
	in := &model.Instance{Meta: p.meta(r.physicalID()), State: "running", SourceDestCheck: p.boolean("SourceDestCheck", true)}
	if v := p.get("NetworkInterfaces"); v != nil && v.Kind == KList && len(v.List) > 0 {
		for i, x := range v.List {
			np := p.sub(x)
			if id := np.str("NetworkInterfaceId"); id != "" {
				if e, ok := lookup[*model.ENI](imp, id); ok {
					e.OwnerKind, e.OwnerID = model.OwnerInstance, in.ID
				}
				in.ENIs = append(in.ENIs, id)
				continue
			}
			e := instanceENI(imp, r, in, np, i)
			if i == 0 {
				imp.launchPublicIP(r, e, np, len(v.List) == 1)
			}
			in.ENIs = append(in.ENIs, e.ID)
		}
	} else {
		e := instanceENI(imp, r, in, p, 0)
		imp.launchPublicIP(r, e, p, true)
		in.ENIs = append(in.ENIs, e.ID)
	}
	if len(in.ENIs) > 0 {
		if e, ok := lookup[*model.ENI](imp, in.ENIs[0]); ok {
			in.Subnet, in.VPC = e.Subnet, e.VPC
		}
	}
	imp.snap.Instances = append(imp.snap.Instances, in)
	imp.register(r, in)
	for _, e := range imp.snap.ElasticIPs {
		if e.Instance == in.ID && e.ENI == "" {
			imp.attachEIP(e) // AWS::EC2::EIP with InstanceId: converted before the instance existed
		}
	}
}

// instanceENI creates the interface described by an instance (or by one of
// its NetworkInterfaces entries).
func instanceENI(imp *importer, r *resource, in *model.Instance, np props, idx int) *model.ENI {
	e := &model.ENI{Meta: np.meta("eni-0" + r.hash("eni"+strconv.Itoa(idx), 16)), Subnet: np.str("SubnetId"),
		OwnerKind: model.OwnerInstance, OwnerID: in.ID, InterfaceType: "interface", SourceDestCheck: in.SourceDestCheck, Status: "in-use"}
	// Not the instance's own name: a question that names the instance by its
	// Name tag must not be ambiguous between the instance and its interface.
	e.Name = fmt.Sprintf("%s (eth%d)", in.Name, idx)
	if in.Name == "" {
		e.Name = ""
	}
	e.SecurityGroups = append(np.strs("SecurityGroupIds"), np.strs("GroupSet")...)
	e.SecurityGroups = append(e.SecurityGroups, np.strs("SecurityGroups")...)
	if sub, ok := lookup[*model.Subnet](imp, e.Subnet); ok {
		e.VPC, e.AZ = sub.VPC, sub.AZ
	}
	if ip, ok := np.addr("PrivateIpAddress"); ok {
		e.PrivateIPs = []netip.Addr{ip}
	}
	e.PrivateIPs = append(e.PrivateIPs, secondaryIPs(np)...)
	if e.PrivateIPs == nil {
		e.PrivateIPs = []netip.Addr{}
	}
	imp.snap.ENIs = append(imp.snap.ENIs, e)
	imp.byID[e.ID] = e
	return e
}

// secondaryIPs reads PrivateIpAddresses entries that are not the primary.
func secondaryIPs(np props) []netip.Addr {
	var out []netip.Addr
	v := np.get("PrivateIpAddresses")
	if v == nil || v.Kind != KList {
		return nil
	}
	for _, x := range v.List {
		xp := np.sub(x)
		if xp.boolean("Primary", false) && np.has("PrivateIpAddress") {
			continue
		}
		if ip, ok := xp.addr("PrivateIpAddress"); ok {
			out = append(out, ip)
		}
	}
	return out
}

func networkInterface(imp *importer, r *resource, p props) {
	e := &model.ENI{Meta: p.meta(r.physicalID()), Subnet: p.str("SubnetId"), SecurityGroups: p.strs("GroupSet"),
		SourceDestCheck: p.boolean("SourceDestCheck", true), InterfaceType: "interface", Description: p.str("Description"), Status: "available"}
	if sub, ok := lookup[*model.Subnet](imp, e.Subnet); ok {
		e.VPC, e.AZ = sub.VPC, sub.AZ
	}
	if ip, ok := p.addr("PrivateIpAddress"); ok {
		e.PrivateIPs = []netip.Addr{ip}
	}
	e.PrivateIPs = append(e.PrivateIPs, secondaryIPs(p)...)
	if e.PrivateIPs == nil {
		e.PrivateIPs = []netip.Addr{}
	}
	imp.snap.ENIs = append(imp.snap.ENIs, e)
	imp.register(r, e)
}

// attachEIP maps an Elastic IP onto the private IP of its ENI (R3.2).
func (imp *importer) attachEIP(e *model.ElasticIP) {
	eniID := e.ENI
	if eniID == "" && e.Instance != "" {
		if in, ok := lookup[*model.Instance](imp, e.Instance); ok && len(in.ENIs) > 0 {
			eniID = in.ENIs[0]
		}
	}
	eni, ok := lookup[*model.ENI](imp, eniID)
	if !ok {
		return
	}
	e.ENI = eni.ID
	priv := e.PrivateIP
	if !priv.IsValid() && len(eni.PrivateIPs) > 0 {
		priv = eni.PrivateIPs[0]
	}
	// A zero private address stands for the primary one, which model.Derive
	// allocates; it completes the mapping then.
	e.PrivateIP = priv
	eni.ReplacePublicIP(model.PublicIPMapping{PrivateIP: priv, PublicIP: e.PublicIP, AllocationID: e.ID})
	for _, a := range e.Assumed {
		eni.Assume("Elastic IP " + e.ID + ": " + a)
	}
}

// lambdaFunction converts a function; with VpcConfig it is attached to the
// VPC and model.Derive gives it Hyperplane ENIs (R8.1).
func lambdaFunction(imp *importer, r *resource, p props) {
	f := &model.LambdaFunction{Meta: p.meta(r.physicalID()), Runtime: p.str("Runtime")}
	f.ARN = fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", r.region, r.account, f.ID)
	vc := p.sub(p.get("VpcConfig"))
	f.Subnets = vc.strs("SubnetIds")
	f.SecurityGroups = vc.strs("SecurityGroupIds")
	f.IPv6AllowedForDualStack = vc.boolean("Ipv6AllowedForDualStack", false)
	if len(f.Subnets) > 0 {
		if sub, ok := lookup[*model.Subnet](imp, f.Subnets[0]); ok {
			f.VPC = sub.VPC
		}
	}
	imp.snap.LambdaFunctions = append(imp.snap.LambdaFunctions, f)
	imp.register(r, f)
}
