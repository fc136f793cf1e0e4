// Package awsjson reads a directory of JSON files as the AWS CLI prints them
// (`aws ec2 describe-*`, `aws elbv2 describe-*`, `aws route53resolver list-*`,
// `aws apigateway get-*`, ...) into a model.Snapshot.
//
// The top-level member of each file says what it holds (Vpcs, RouteTables,
// TransitGateways, ...); where that member is generic (`items`, `Items`) the
// file name decides. FILES.md lists every name with its CLI command and the
// model kind it fills; Files holds the same table for the live importer,
// which writes exactly this layout. Batfish's collector layout
// (aws_configs/[accounts/<id>/]<region>/*.json) and its wrapped shapes
// (TransitGatewayStaticRoutes, LoadBalancerListeners, ...) load as they are.
//
// Every file is read once into a reused buffer: a strict single-pass scanner
// checks it and records where each resource object starts (for Meta.Source =
// file:line:col); a decoder (decode.go) then fills the SDK output type
// (ec2.DescribeVpcsOutput, ...) straight from the bytes, skipping the values
// that cannot come from CLI JSON (timestamps in the CLI's formats, unions,
// documents), and the result is mapped into the model. The decoder follows
// encoding/json's rules (a test and a fuzz target compare the two on every
// corpus file) but does not validate again, which made the 1,000-VPC
// synthetic estate load in half the time. Files are decoded in parallel by a
// bounded pool and merged in path order, so the snapshot is deterministic.
//
// Malformed JSON is an error diagnostic with file:line:col; the other files
// still load. Files of other services are listed once as skipped; unknown
// resource types once as not modelled. Lambda environment variables and
// other secrets are never read into the model.
//
// Semantics implemented here are those of docs/RULES.md
// sections 1-10: route origins (R1.7), edge associations (R1.2), NACL entries
// (R2.11), security group references (R2.6), ENI owners (R2.1, R8.3), VPC
// DNS attributes (R10), API Gateway custom domains with their mappings and
// access associations (R9.9).
package awsjson
