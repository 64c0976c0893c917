// An audit record as one NDJSON line of the export (product.md "Audit log"), and back: the
// server writes it, `astro organization audit-logs verify` reads it to check the hash chain.
#pragma once

#include <string>
#include <string_view>

#include "core/audit/audit_record.h"
#include "core/result.h"

namespace astro::core {

// {"id","time","organizationId","actor":{"type","id","name"},"action",
//  "target":{"type","id","name"},"requestId","sourceAddress","userAgent","outcome","reason",
//  "changes":[{"field","oldValue","newValue"}],"seq","prevHash","hash"}: old/new values as JSON
// values (null: none; a stored text that is not JSON as a string). No trailing newline.
std::string auditRecordToJsonLine(const AuditRecord& r);
// The record of one line; an error names what is missing or of the wrong type.
Result<AuditRecord> auditRecordFromJsonLine(std::string_view line);

}  // namespace astro::core
