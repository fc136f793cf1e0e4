package main

// schemaVersion is the version of the --json contract that every JSON object
// netverify prints carries as "schemaVersion". It changes when a field is
// removed or changes meaning; adding a field keeps it.
const schemaVersion = "1"
