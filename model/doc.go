// Package model is the typed, validated picture of an AWS network that every
// importer fills and every question reads.
//
// A Snapshot holds one slice per resource kind (VPCs, subnets, route tables,
// security groups, gateways, endpoints, hybrid links, DNS, API Gateway, load
// balancers, Lambda, on-premises sites and clients) plus the intents written
// in scenarios. Every resource embeds Meta: its AWS ID, account, region, Name
// tag, tags and the Source it was read from (file:line or API call).
//
// Importers never stop at the first problem: they return a Snapshot and
// Diagnostics. Validate adds the findings that need the whole snapshot
// (dangling references, subnets outside their VPC, overlapping peered CIDRs).
// Graph connects resources by relation for diagrams, listings and the solver.
//
// The model imports nothing of the project and no third-party package except
// the graph library; a meta-test enforces it. Rules of
// docs/RULES.md are cited as R<section>.<n>.
package model
