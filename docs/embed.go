// Package docs embeds the rule reference, docs/RULES.md and any
// docs/rules-*.md, so that the binary can explain a rule number it prints
// (netverify explain R9.7) without the repository at hand. Package
// internal/rules reads it.
package docs

import "embed"

// Files holds the Markdown files of this directory; the rule files among
// them are RULES.md and rules-*.md.
//
//go:embed *.md
var Files embed.FS
