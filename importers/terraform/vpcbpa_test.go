package terraform

import (
	"testing"

	"github.com/netverify/netverify/model"
)

// TestBlockPublicAccess reads aws_vpc_block_public_access_options and
// aws_vpc_block_public_access_exclusion (R3.50, R3.52): the mode for the
// account and Region, and a subnet's exclusion.
func TestBlockPublicAccess(t *testing.T) {
	const state = `{
  "format_version": "1.0", "terraform_version": "1.9.0",
  "values": {"root_module": {"resources": [
    {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
     "values": {"id": "vpc-0aa0000000000000a", "cidr_block": "10.0.0.0/16"}},
    {"address": "aws_subnet.pub", "mode": "managed", "type": "aws_subnet", "name": "pub",
     "values": {"id": "subnet-0bb000000000000b", "vpc_id": "vpc-0aa0000000000000a", "cidr_block": "10.0.1.0/24", "availability_zone": "us-east-1a"}},
    {"address": "aws_vpc_block_public_access_options.this", "mode": "managed", "type": "aws_vpc_block_public_access_options", "name": "this",
     "values": {"id": "us-east-1", "internet_gateway_block_mode": "block-bidirectional", "aws_account_id": "111111111111", "aws_region": "us-east-1"}},
    {"address": "aws_vpc_block_public_access_exclusion.pub", "mode": "managed", "type": "aws_vpc_block_public_access_exclusion", "name": "pub",
     "values": {"id": "exclusion-0cc0000000000000c", "subnet_id": "subnet-0bb000000000000b", "internet_gateway_exclusion_mode": "allow-egress"}}
  ]}}
}`
	s, ds, err := Load("terraform.tfstate.json", []byte(state))
	if err != nil {
		t.Fatal(err)
	}
	ds.Append(model.Validate(s))
	if ds.HasErrors() {
		t.Fatalf("diagnostics: %v", ds)
	}
	b := s.BPAFor("111111111111", "us-east-1")
	if b == nil || b.Mode != model.BPABidirectional {
		t.Fatalf("block public access: %+v", s.BlockPublicAccess)
	}
	x := s.BPAExclusionFor("vpc-0aa0000000000000a", "subnet-0bb000000000000b")
	if x == nil || x.Mode != model.BPAAllowEgress || x.ID != "exclusion-0cc0000000000000c" {
		t.Fatalf("exclusion: %+v", s.BPAExclusions)
	}
	if s.BPAExclusionFor("vpc-0aa0000000000000a", "subnet-other") != nil {
		t.Fatal("a subnet exclusion applies to another subnet")
	}
}
