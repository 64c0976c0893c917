#include "cli/commands/token/token_lookup.h"

#include <algorithm>
#include <cctype>
#include <ostream>

#include "cli/prompt.h"
#include "client/terminal_text.h"

namespace astro::cli {

std::string lowerCase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

namespace {

core::Result<core::ApiToken> fetch(Session& s, const std::string& id) {
  auto t = s.api().getToken(s.organization, id);
  if (!t) return t;
  if (t->scope != "ORGANIZATION") return core::Error::invalid(kWrongTokenType);
  return t;
}

core::Error noInputError(const std::vector<core::ApiToken>& candidates, const std::string& cmd) {
  std::string m =
      "a token must be chosen but there is no answer to read (stdin is closed or not a "
      "terminal); candidates: ";
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (i) m += ", ";
    m.append("\"").append(client::terminalText(candidates[i].name)).append("\" (");
    m.append(client::terminalText(candidates[i].id)).append(")");
  }
  if (candidates.empty()) m += "none";
  m += ". Pass the token ID to choose without a prompt: " + cmd + " <TOKEN_ID>";
  return core::Error::notFound(m);
}

core::Result<std::size_t> choose(Environment& env, const std::vector<core::ApiToken>& tokens,
                                 const std::string& cmd, std::string title) {
  Selection sel;
  sel.title = std::move(title);
  sel.table.headers = {"NAME", "DESCRIPTION", "ROLE", "EXPIRES"};
  for (const auto& t : tokens)
    sel.table.addRow({t.name, t.description, t.organizationRole(),
                      t.expiryPeriodInDays ? std::to_string(*t.expiryPeriodInDays) : ""});
  sel.invalidMessage = kTokenSelectionInvalid;
  sel.noInput = [&tokens, &cmd]() { return noInputError(tokens, cmd); };
  return selectRow(env, sel);
}

}  // namespace

core::Result<core::ApiToken> lookUpToken(Environment& env, Session& s, const std::string& id,
                                         const std::string& name, const std::string& command) {
  if (!id.empty()) return fetch(s, id);
  core::TokenListFilter filter;
  filter.includeOnlyOrganizationTokens = true;
  auto tokens = s.api().listAllTokens(s.organization, filter);
  if (!tokens) return std::move(tokens).error();
  std::string chosen;
  if (name.empty()) {
    auto i = choose(env, *tokens, command,
                    "\nPlease select the Organization API token you would like to update:");
    if (!i) return std::move(i).error();
    chosen = (*tokens)[*i].id;
  } else {
    std::vector<core::ApiToken> matches;
    for (const auto& t : *tokens)
      if (t.name == name) matches.push_back(t);
    if (matches.empty()) return core::Error::notFound(kTokenNotFound);
    if (matches.size() == 1) {
      chosen = matches.front().id;
    } else {
      auto i = choose(env, matches, command,
                      "\nThere are more than one API tokens with name " + name +
                          ". Please select an API token:");
      if (!i) return std::move(i).error();
      chosen = matches[*i].id;
    }
  }
  return fetch(s, chosen);
}

}  // namespace astro::cli
