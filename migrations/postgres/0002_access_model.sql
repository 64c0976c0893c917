-- 0002_access_model (PostgreSQL): workspaces, teams and their members, workspace role grants of
-- users and teams, invites, and a status on memberships (PENDING for invitees). Token WORKSPACE
-- roles stay in api_token_roles. Team names are unique per organization case-insensitively
-- (lower(name): ASCII letters only, as the column is COLLATE "C").

ALTER TABLE memberships ADD COLUMN status TEXT COLLATE "C" NOT NULL DEFAULT 'ACTIVE';
CREATE INDEX memberships_by_org ON memberships (organization_id, role, status);

CREATE TABLE workspaces (
  id                          TEXT COLLATE "C" PRIMARY KEY,
  organization_id             TEXT COLLATE "C" NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name                        TEXT COLLATE "C" NOT NULL,
  description                 TEXT COLLATE "C",
  cicd_enforced_default       INTEGER NOT NULL DEFAULT 0,
  created_at                  BIGINT NOT NULL,
  updated_at                  BIGINT NOT NULL,
  created_by_id               TEXT COLLATE "C",
  created_by_type             TEXT COLLATE "C",
  created_by_full_name        TEXT COLLATE "C",
  created_by_username         TEXT COLLATE "C",
  created_by_avatar_url       TEXT COLLATE "C",
  created_by_api_token_name   TEXT COLLATE "C",
  updated_by_id               TEXT COLLATE "C",
  updated_by_type             TEXT COLLATE "C",
  updated_by_full_name        TEXT COLLATE "C",
  updated_by_username         TEXT COLLATE "C",
  updated_by_avatar_url       TEXT COLLATE "C",
  updated_by_api_token_name   TEXT COLLATE "C"
);
CREATE INDEX workspaces_by_created ON workspaces (organization_id, created_at, id);
CREATE INDEX workspaces_by_name ON workspaces (organization_id, name, id);

CREATE TABLE teams (
  id                          TEXT COLLATE "C" PRIMARY KEY,
  organization_id             TEXT COLLATE "C" NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name                        TEXT COLLATE "C" NOT NULL,
  description                 TEXT COLLATE "C",
  is_idp_managed              INTEGER NOT NULL DEFAULT 0,
  organization_role           TEXT COLLATE "C" NOT NULL,
  created_at                  BIGINT NOT NULL,
  updated_at                  BIGINT NOT NULL,
  created_by_id               TEXT COLLATE "C",
  created_by_type             TEXT COLLATE "C",
  created_by_full_name        TEXT COLLATE "C",
  created_by_username         TEXT COLLATE "C",
  created_by_avatar_url       TEXT COLLATE "C",
  created_by_api_token_name   TEXT COLLATE "C",
  updated_by_id               TEXT COLLATE "C",
  updated_by_type             TEXT COLLATE "C",
  updated_by_full_name        TEXT COLLATE "C",
  updated_by_username         TEXT COLLATE "C",
  updated_by_avatar_url       TEXT COLLATE "C",
  updated_by_api_token_name   TEXT COLLATE "C"
);
CREATE UNIQUE INDEX teams_unique_name ON teams (organization_id, lower(name));
CREATE INDEX teams_by_created ON teams (organization_id, created_at, id);

CREATE TABLE team_members (
  team_id     TEXT COLLATE "C" NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  user_id     TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_by_user ON team_members (user_id, team_id);

-- Workspace roles of users and teams (a token's live in api_token_roles).
CREATE TABLE workspace_roles (
  workspace_id  TEXT COLLATE "C" NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  subject_type  TEXT COLLATE "C" NOT NULL,  -- USER | TEAM
  subject_id    TEXT COLLATE "C" NOT NULL,
  role          TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, subject_type, subject_id)
);
CREATE INDEX workspace_roles_by_subject ON workspace_roles (subject_type, subject_id, workspace_id);

CREATE TABLE invites (
  id                          TEXT COLLATE "C" PRIMARY KEY,
  organization_id             TEXT COLLATE "C" NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email                       TEXT COLLATE "C" NOT NULL,
  role                        TEXT COLLATE "C" NOT NULL,
  user_id                     TEXT COLLATE "C" NOT NULL,
  created_at                  BIGINT NOT NULL,
  expires_at                  BIGINT NOT NULL,
  inviter_id                  TEXT COLLATE "C",
  inviter_type                TEXT COLLATE "C",
  inviter_full_name           TEXT COLLATE "C",
  inviter_username            TEXT COLLATE "C",
  inviter_avatar_url          TEXT COLLATE "C",
  inviter_api_token_name      TEXT COLLATE "C"
);
CREATE INDEX invites_by_user ON invites (organization_id, user_id);
