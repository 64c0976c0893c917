#include "server/cli/audit_command.h"

#include <filesystem>
#include <memory>

#include "server/cli/open_store.h"
#include "service/audit/audit_verify.h"

namespace astro::server::cli {

CLI::App* addAuditCommand(CLI::App& app, AuditVerifyOptions& o) {
  auto* audit = app.add_subcommand("audit", "Check the audit log");
  audit->require_subcommand(1, 1);
  auto* verify = audit->add_subcommand(
      "verify",
      "Check every organization's audit hash chain; name each record edited, deleted, inserted "
      "or reordered");
  verify->add_option("--db", o.db, kDbHelp)->envname("ASTRO_SERVER_DB")->capture_default_str();
  verify->add_option("--org", o.organizationId, "Only this organization (ID)");
  return verify;
}

int runAuditVerify(const AuditVerifyOptions& o, std::ostream& out, std::ostream& err) {
  if (o.db != ":memory:" && !isPostgresDb(o.db) && !std::filesystem::exists(o.db)) {
    err << "Error: no database at " << o.db << "\n";
    return 1;
  }
  std::string error;
  auto opened = openStore(o.db, {.poolSize = 1}, error);
  if (!opened.store) {
    err << "Error: " << error << "\n";
    return 1;
  }
  store::Store* store = opened.store.get();
  auto result = service::verifyAuditLog(*store, o.organizationId);
  if (!result.ok()) {
    err << "Error: " << result.error().message << "\n";
    return 1;
  }
  std::size_t broken = 0;
  for (const auto& org : result->organizations) {
    const auto& c = org.chain;
    // Unauthenticated refusals aimed at no known organization are kept under an empty ID.
    out << "organization "
        << (org.organizationId.empty() ? "(none: unattributed refusals)" : org.organizationId)
        << ": " << c.records << " record" << (c.records == 1 ? "" : "s");
    if (org.intact()) {
      out << ", chain intact";
      if (org.head)
        out << " (head: record " << org.head->chainSeq << ", hash " << org.head->hash << ")";
      out << "\n";
      continue;
    }
    ++broken;
    out << ", the chain is broken:\n";
    for (const auto& p : org.problems) out << "  " << p << "\n";
  }
  if (result->organizations.empty()) out << "no audit records\n";
  if (broken > 0) {
    err << "Error: the audit log of " << broken << " organization" << (broken == 1 ? "" : "s")
        << " has been tampered with\n";
    return 1;
  }
  return 0;
}

}  // namespace astro::server::cli
