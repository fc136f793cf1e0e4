package cfn

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netverify/netverify/internal/testcorpus"
	"github.com/netverify/netverify/model"
)

// rdsTemplate: a VPC with an internet gateway, two database subnets in a DB
// subnet group, an application security group and a database one that lets
// only the application in on 3306; databases that are public, private,
// public by default, in a subnet group the template lacks, and an Aurora
// cluster member.
const rdsTemplate = `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  DbA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.8.0/24}
  DbB:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.9.0/24}
  AppSG:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: app, VpcId: !Ref Vpc}
  DbSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 3306, ToPort: 3306, SourceSecurityGroupId: !Ref AppSG}]
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupName: Orders-Subnets, DBSubnetGroupDescription: db, SubnetIds: [!Ref DbA, !Ref DbB]}
  Public:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceIdentifier: public-db
      Engine: postgres
      DBSubnetGroupName: !Ref Group
      VPCSecurityGroups: [!Ref DbSG]
      PubliclyAccessible: true
  Private:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceIdentifier: private-db
      Engine: mysql
      Port: "3307"
      DBSubnetGroupName: orders-subnets
      VPCSecurityGroups: [!Ref DbSG]
      DBSecurityGroups: [legacy]
      PubliclyAccessible: false
  Unsaid:
    Type: AWS::RDS::DBInstance
    Properties: {DBInstanceIdentifier: unsaid-db, Engine: mariadb, DBSubnetGroupName: !Ref Group}
  Elsewhere:
    Type: AWS::RDS::DBInstance
    Properties: {DBInstanceIdentifier: elsewhere-db, Engine: mysql, DBSubnetGroupName: shared-subnets}
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-postgresql, DBSubnetGroupName: !Ref Group, VpcSecurityGroupIds: [!Ref DbSG]}
  Member:
    Type: AWS::RDS::DBInstance
    Properties: {DBInstanceIdentifier: member-db, Engine: aurora-postgresql, DBClusterIdentifier: !Ref Cluster, PubliclyAccessible: false}
`

// dbENI returns the network interface of the database named name, or nil.
func dbENI(s *model.Snapshot, name string) *model.ENI {
	for _, e := range s.ENIs {
		if e.Description == "RDSNetworkInterface" && e.OwnerID == name {
			return e
		}
	}
	return nil
}

// TestRDSDBInstance: an RDS database is the network interface RDS creates in
// the first subnet of its DB subnet group, with its VPC security groups
// (R2.1), its port, a private address from the subnet (R1.13) and, when it is
// publicly accessible, a placeholder public one (R3.2); every guess is noted.
func TestRDSDBInstance(t *testing.T) {
	s, ds, err := Load("rds.yaml", []byte(rdsTemplate), nil)
	if err != nil {
		t.Fatal(err)
	}
	ds.Append(model.Derive(s))
	ds.Append(model.Validate(s))
	tests := []struct {
		name, db string
		eni      bool
		public   bool
		notes    []string
	}{
		{"R3.2 PubliclyAccessible gets a placeholder public IP", "public-db", true, true,
			[]string{"Public is PubliclyAccessible", "198.18.0.0/15", "the first of DB subnet group Group (orders-subnets)", "TCP port 5432 (the default port of engine postgres)"}},
		{"R3.2 PubliclyAccessible false stays private", "private-db", true, false,
			[]string{"TCP port 3307 (Port)", "allocated from"}},
		{"R3.2 PubliclyAccessible unset in a VPC with an internet gateway is public", "unsaid-db", true, true,
			[]string{"PubliclyAccessible is not set", "TCP port 3306", "default security group"}},
		{"subnet group not in the template: no interface", "elsewhere-db", false, false, nil},
		{"R2.1 Aurora instance takes its cluster's subnet group, security groups and port", "member-db", true, false,
			[]string{"TCP port 5432 (the default port of engine aurora-postgresql)"}},
	}
	dbSG := byName(s.SecurityGroups, "DbSG").ID
	dbA := byName(s.Subnets, "DbA")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := dbENI(s, tc.db)
			if (e != nil) != tc.eni {
				t.Fatalf("network interface of %s: got %v, want %v", tc.db, e != nil, tc.eni)
			}
			if e == nil {
				return
			}
			if e.Subnet != dbA.ID || e.VPC != dbA.VPC || !dbA.CIDR.Contains(e.PrimaryIP()) {
				t.Errorf("interface in %s/%s at %s, want the first subnet of the group %s (%s)", e.VPC, e.Subnet, e.PrimaryIP(), dbA.ID, dbA.CIDR)
			}
			if tc.db != "unsaid-db" && strings.Join(e.SecurityGroups, ",") != dbSG {
				t.Errorf("security groups %v, want [%s]", e.SecurityGroups, dbSG)
			}
			if got := len(e.PublicIPs) > 0; got != tc.public {
				t.Fatalf("public IPs %v, want public=%v", e.PublicIPs, tc.public)
			}
			if tc.public {
				m := e.PublicIPs[0]
				if !netip.MustParsePrefix("198.18.0.0/15").Contains(m.PublicIP) || m.PrivateIP != e.PrimaryIP() {
					t.Errorf("mapping %+v: want a 198.18.0.0/15 placeholder on the primary %s", m, e.PrimaryIP())
				}
			}
			notes := strings.Join(e.Assumed, "\n")
			for _, n := range append(tc.notes, "network interface of RDS DB instance "+tc.db) {
				if !strings.Contains(notes, n) {
					t.Errorf("assumed:\n%s\nwant %q", notes, n)
				}
			}
		})
	}
	for _, want := range []string{
		`Elsewhere: DB subnet group "shared-subnets" is not in this template, so the database has no network interface`,
		"Private: DBSecurityGroups legacy are DB security groups (EC2-Classic)",
	} {
		if !hasDiag(ds, model.SevInfo, want) {
			t.Errorf("no info %q in\n%v", want, ds)
		}
	}
	for _, d := range ds {
		if strings.Contains(d.Message, "AWS::RDS::") && strings.Contains(d.Message, "not modelled") || d.Severity == model.SevError {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
}

func hasDiag(ds model.Diagnostics, sev model.Severity, text string) bool {
	for _, d := range ds {
		if d.Severity == sev && strings.Contains(d.Message, text) && d.Source.Line > 0 {
			return true
		}
	}
	return false
}

// TestRDSCorpus: the corpus's Aurora template (serverless-patterns
// apigw-http-api-lambda-rds-proxy) imports without error and each of its two
// DB instances gets a private interface in its cluster's first subnet.
func TestRDSCorpus(t *testing.T) {
	root := testcorpus.Dir(t, "iac")
	n := 0
	err := filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil || !strings.Contains(string(data), "AWS::RDS::DBInstance") || !Detect(data) {
			return err
		}
		n++
		s, ds, err := importAll(t, path, nil)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if ds.HasErrors() {
			t.Errorf("%s: error diagnostics: %v", path, ds)
		}
		dbs := 0
		for _, e := range s.ENIs {
			if e.Description == "RDSNetworkInterface" && e.PrimaryIP().IsValid() && len(e.SecurityGroups) > 0 {
				dbs++
			}
		}
		if dbs == 0 {
			t.Errorf("%s: no DB network interface with an address and security groups", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no corpus template holds an AWS::RDS::DBInstance")
	}
}
