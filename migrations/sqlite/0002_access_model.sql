-- 0002_access_model: workspaces, teams and their members, workspace role grants of users and
-- teams, invites, and a status on memberships (PENDING for invitees). Token WORKSPACE roles stay
-- in api_token_roles. Team names are unique per organization case-insensitively (lower(name)).

ALTER TABLE memberships ADD COLUMN status TEXT NOT NULL DEFAULT 'ACTIVE';
CREATE INDEX memberships_by_org ON memberships (organization_id, role, status);

CREATE TABLE workspaces (
  id                          TEXT PRIMARY KEY,
  organization_id             TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name                        TEXT NOT NULL,
  description                 TEXT,
  cicd_enforced_default       INTEGER NOT NULL DEFAULT 0,
  created_at                  INTEGER NOT NULL,
  updated_at                  INTEGER NOT NULL,
  created_by_id               TEXT,
  created_by_type             TEXT,
  created_by_full_name        TEXT,
  created_by_username         TEXT,
  created_by_avatar_url       TEXT,
  created_by_api_token_name   TEXT,
  updated_by_id               TEXT,
  updated_by_type             TEXT,
  updated_by_full_name        TEXT,
  updated_by_username         TEXT,
  updated_by_avatar_url       TEXT,
  updated_by_api_token_name   TEXT
);
CREATE INDEX workspaces_by_created ON workspaces (organization_id, created_at, id);
CREATE INDEX workspaces_by_name ON workspaces (organization_id, name, id);

CREATE TABLE teams (
  id                          TEXT PRIMARY KEY,
  organization_id             TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name                        TEXT NOT NULL,
  description                 TEXT,
  is_idp_managed              INTEGER NOT NULL DEFAULT 0,
  organization_role           TEXT NOT NULL,
  created_at                  INTEGER NOT NULL,
  updated_at                  INTEGER NOT NULL,
  created_by_id               TEXT,
  created_by_type             TEXT,
  created_by_full_name        TEXT,
  created_by_username         TEXT,
  created_by_avatar_url       TEXT,
  created_by_api_token_name   TEXT,
  updated_by_id               TEXT,
  updated_by_type             TEXT,
  updated_by_full_name        TEXT,
  updated_by_username         TEXT,
  updated_by_avatar_url       TEXT,
  updated_by_api_token_name   TEXT
);
CREATE UNIQUE INDEX teams_unique_name ON teams (organization_id, lower(name));
CREATE INDEX teams_by_created ON teams (organization_id, created_at, id);

CREATE TABLE team_members (
  team_id     TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (team_id, user_id)
) WITHOUT ROWID;
CREATE INDEX team_members_by_user ON team_members (user_id, team_id);

-- Workspace roles of users and teams (a token's live in api_token_roles).
CREATE TABLE workspace_roles (
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  subject_type  TEXT NOT NULL,  -- USER | TEAM
  subject_id    TEXT NOT NULL,
  role          TEXT NOT NULL,
  PRIMARY KEY (workspace_id, subject_type, subject_id)
) WITHOUT ROWID;
CREATE INDEX workspace_roles_by_subject ON workspace_roles (subject_type, subject_id, workspace_id);

CREATE TABLE invites (
  id                          TEXT PRIMARY KEY,
  organization_id             TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email                       TEXT NOT NULL,
  role                        TEXT NOT NULL,
  user_id                     TEXT NOT NULL,
  created_at                  INTEGER NOT NULL,
  expires_at                  INTEGER NOT NULL,
  inviter_id                  TEXT,
  inviter_type                TEXT,
  inviter_full_name           TEXT,
  inviter_username            TEXT,
  inviter_avatar_url          TEXT,
  inviter_api_token_name      TEXT
);
CREATE INDEX invites_by_user ON invites (organization_id, user_id);
