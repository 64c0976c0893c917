// astro organization audit-logs export (reference §3.13 and §7), with the --include range check
// (departure 2) and a private file (mode 0600, written atomically), and the building of
// `astro organization audit-logs` (alias `al`, a row of the organization table).
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <ostream>

#include "cli/command.h"
#include "cli/commands/audit/audit_file.h"
#include "cli/factory.h"
#include "client/gzip.h"

namespace astro::cli {

namespace {

struct AuditExportOptions {
  std::string organizationName;
  std::string outputFile;
  std::string include = "1";
  std::vector<std::string> args;
};

core::Result<void> auditExport(const AuditExportOptions& o, Environment& env) {
  auto days = parseIncludeDays(o.include);
  if (!days) return core::Error::invalid(kInvalidIncludeMessage);
  env.out << "This may take some time depending on how many days are being exported.\n";
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto orgs = s->api().listAllOrganizations();
  if (!orgs) return std::move(orgs).error();
  std::string orgId, orgName;
  if (o.organizationName.empty()) {
    orgId = s->organization;
    for (const auto& org : *orgs)
      if (org.id == orgId) {
        orgName = org.name;
        break;
      }
  } else {
    for (const auto& org : *orgs)
      if (org.name == o.organizationName) {
        orgId = org.id;
        orgName = org.name;
        break;
      }
    if (orgId.empty()) return core::Error::notFound("invalid organization name");
  }
  auto now = env.currentTime();
  std::string path =
      o.outputFile.empty() ? defaultAuditFileName(orgName, *days, now) : o.outputFile;
  auto body = s->api().exportAuditLogs(orgId, auditStartDate(now, *days));
  if (!body) return std::move(body).error();
  auto written = writePrivateFileAtomically(path, client::ensureGzip(std::move(*body)));
  if (!written) return written;
  env.out << "Finished exporting logs to local GZIP file\n";
  return {};
}

struct AuditVerifyOptions {
  std::string file;
};

core::Result<void> auditVerify(const AuditVerifyOptions& o, Environment& env) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) return core::Error::invalid("cannot read " + o.file + ": " + std::strerror(errno));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (client::isGzip(bytes)) {
    auto text = client::gzipDecompress(bytes);
    if (!text) return core::Error::invalid(o.file + " is not a valid gzip file");
    bytes = std::move(*text);
  }
  auto check = checkAuditExport(bytes);
  if (!check) return core::Error::invalid(o.file + ": " + check.error().message);
  const auto& c = check->chain;
  if (c.records == 0) return core::Error::invalid(o.file + " holds no audit records");
  if (c.intact()) {
    env.out << "Verified " << c.records << " audit record" << (c.records == 1 ? "" : "s")
            << " of organization " << check->organizationId << " (records " << c.firstSeq << " to "
            << c.lastSeq << " of its hash chain): the chain is intact.\n";
    return {};
  }
  for (std::size_t i = 0; i < c.findings.size(); ++i)
    env.out << "line " << check->findingLines[i] << ": " << c.findings[i].message << "\n";
  return core::Error::invalid("the audit log in " + o.file + " has been tampered with (" +
                              std::to_string(c.findings.size()) + " problem" +
                              (c.findings.size() == 1 ? "" : "s") + ")");
}

}  // namespace

void addAuditLogCommands(CLI::App& auditLogs, CommandContext& cc) {
  auto* group = &auditLogs;
  cc.longHelp[group] = "Manage your Organization audit logs.";
  makeGroup(*group, cc);
  Environment& env = cc.env;

  auto& o = cc.make<AuditExportOptions>();
  auto* cmd = group->add_subcommand(
      "export",
      "Export your Organization audit logs in GZIP. Requires Organization Owner permissions.");
  cmd->alias("e");
  cc.longHelp[cmd] =
      "Export Organization audit logs as a GZIP file. Includes all API and UI actions by "
      "Organization members for up to 90 days. Use --include to control how many days back to "
      "export (default: 1 day). Requires Organization Owner permissions.";
  cmd->add_option("-n,--organization-name", o.organizationName,
                  "Name of the Organization to manage audit logs for.");
  cmd->add_option("-o,--output-file", o.outputFile,
                  "Path to a file for storing exported audit logs");
  cmd->add_option("-i,--include", o.include,
                  "Number of days in the past to start exporting logs from. Minimum: 1. "
                  "Maximum: 90.")
      ->capture_default_str();
  acceptExtraArgs(*cmd, o.args);
  cmd->callback([&o, &cc, &env] { cc.exitCode = finish(env, auditExport(o, env)); });

  auto& v = cc.make<AuditVerifyOptions>();
  auto* verify = group->add_subcommand(
      "verify", "Check the hash chain of an exported audit log file (ours; not in the Astro CLI)");
  cc.longHelp[verify] =
      "Check that no record of an audit log file written by `audit-logs export` was edited, "
      "deleted, inserted or reordered: every record carries a hash of its content chained to "
      "the record before it. Works offline.";
  verify->add_option("file", v.file, "The exported file (.ndjson.gz or .ndjson)")->required();
  verify->callback([&v, &cc, &env] { cc.exitCode = finish(env, auditVerify(v, env)); });
}

}  // namespace astro::cli
