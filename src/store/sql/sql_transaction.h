// SqlTransaction: what the SQLite and PostgreSQL transactions share: the seven resources, all
// over one Session, and the change-log keys their writes record (ChangeSet). A backend derives
// from it and adds BEGIN, COMMIT and ROLLBACK on its connection, and what it does with the keys
// (write them to the change log before COMMIT, move their generations after).
#pragma once

#include "store/sql/sql_changes.h"
#include "store/sql/sql_resources.h"
#include "store/sql/sql_session.h"
#include "store/store.h"

namespace astro::store::sql {

class SqlTransaction : public Transaction {
 public:
  Organizations& organizations() final { return organizations_; }
  Users& users() final { return users_; }
  Invites& invites() final { return invites_; }
  Workspaces& workspaces() final { return workspaces_; }
  Teams& teams() final { return teams_; }
  Tokens& tokens() final { return tokens_; }
  AuditRecords& audit() final { return audit_; }
  // The audit log's SQL implementation (SQLite chains legacy records through it when it opens).
  SqlAuditRecords& sqlAudit() { return audit_; }

 protected:
  // `session` must outlive this object (a backend's member declared in an earlier base, or a
  // connection the transaction borrows).
  explicit SqlTransaction(Session& session)
      : organizations_(session),
        users_(session),
        invites_(session),
        workspaces_(session, changes_),
        teams_(session),
        tokens_(session, changes_),
        audit_(session) {}
  // The keys this transaction's writes made stale so far.
  ChangeSet& changes() { return changes_; }

 private:
  ChangeSet changes_;  // before the resources that record into it
  SqlOrganizations organizations_;
  SqlUsers users_;
  SqlInvites invites_;
  SqlWorkspaces workspaces_;
  SqlTeams teams_;
  SqlTokens tokens_;
  SqlAuditRecords audit_;
};

}  // namespace astro::store::sql
