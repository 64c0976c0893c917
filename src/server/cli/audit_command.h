// `astro-server audit verify [--db PATH] [--org ID]`: checks the hash chain of the audit log in
// the database (service/audit/audit_verify.h) and names every record that was edited, deleted,
// inserted or reordered. Reads only; works beside a running server. Exit 0: intact; 1: tampered
// or unreadable.
#pragma once

#include <CLI/CLI.hpp>

#include <ostream>
#include <string>

namespace astro::server::cli {

struct AuditVerifyOptions {
  std::string db = "./astro.db";
  std::string organizationId;
};

// Adds `audit` with its `verify` subcommand to `app`; returns `verify`.
CLI::App* addAuditCommand(CLI::App& app, AuditVerifyOptions& options);
int runAuditVerify(const AuditVerifyOptions& options, std::ostream& out, std::ostream& err);

}  // namespace astro::server::cli
