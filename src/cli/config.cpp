#include "cli/config.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "core/domain_url.h"
#include "core/text/unicode.h"
#include "core/validation/text_rules.h"

namespace astro::cli {
namespace {

struct Field {
  const char* key;
  std::string ContextEntry::*member;
};
constexpr Field kFields[] = {
    {"domain", &ContextEntry::domain},
    {"organization", &ContextEntry::organization},
    {"organization_product", &ContextEntry::organizationProduct},
    {"workspace", &ContextEntry::workspace},
    {"last_used_workspace", &ContextEntry::lastUsedWorkspace},
    {"token", &ContextEntry::token},
    {"refreshtoken", &ContextEntry::refreshToken},
    {"user_email", &ContextEntry::userEmail},
    {"expiresin", &ContextEntry::expiresIn},
};

std::string scalar(const YAML::Node& n) {
  if (!n || !n.IsScalar()) return "";
  return n.as<std::string>();
}

core::Error ioError(const std::string& what, const std::string& path) {
  return core::Error::internal(what + " " + path + ": " + std::strerror(errno));
}

core::Error invalidConfig(const std::string& path, const std::string& why) {
  return core::Error::invalid("invalid config " + path + ": " + why);
}

// The first character YAML 1.2 does not allow in a stream (c-printable, §5.1): a C0 control but
// TAB, LF and CR, DEL, or a C1 control but NEL. Its byte offset, or npos.
std::size_t firstUnprintable(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return i;
    if (c == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F && next != 0x85) return i;
    }
  }
  return std::string_view::npos;
}

// What the first YAML document of the text uses that a rewrite cannot keep: an alias (*name: an
// aliased node is shared, so a rewrite that changes it changes every place it appears, and
// yaml-cpp can then write text that does not parse) or an explicit tag (!name: yaml-cpp writes a
// tagged key back as "!<!name>" text that does not parse). Both found by the cli_config fuzz
// harness. Only text with a '*' or a '!' can hold one; it is parsed once more, as events, to
// tell them from a '*' or '!' inside a scalar. Empty when there is neither.
std::string unsupportedYaml(std::string_view text) {
  if (text.find_first_of("*!") == std::string_view::npos) return {};
  struct Finder : YAML::EventHandler {
    bool alias = false, tag = false;
    // yaml-cpp reports "?" for an untagged plain node and "!" for an untagged quoted one.
    void sawTag(const std::string& t) { tag = tag || !(t.empty() || t == "?" || t == "!"); }
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override { alias = true; }
    void OnScalar(const YAML::Mark&, const std::string& t, YAML::anchor_t,
                  const std::string&) override {
      sawTag(t);
    }
    void OnSequenceStart(const YAML::Mark&, const std::string& t, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {
      sawTag(t);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string& t, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {
      sawTag(t);
    }
    void OnMapEnd() override {}
  } finder;
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  // The first document only, as YAML::Load reads: on some text yaml-cpp reports a document without
  // consuming anything, so a loop over documents would never end (found by the fuzz harness).
  parser.HandleNextDocument(finder);
  if (finder.alias) return "aliases (*name) are not supported";
  if (finder.tag) return "tags (!name) are not supported";
  return {};
}

// Why the node cannot be read back as written: a key twice in one map (YAML 1.2 §3.2.1.1 says a
// key is unique; yaml-cpp keeps both, and a rewrite would too, so the reader's choice of one
// would be lost), a scalar that is not UTF-8 once unescaped (yaml-cpp reads "\_" as a lone 0xA0
// byte, which a rewrite turns into U+FFFD), or nesting deeper than any config needs. Empty when
// it is fine. (All found by the cli_config fuzz harness.)
std::string structureProblem(const YAML::Node& n, int depth = 0) {
  constexpr int kMaxDepth = 32;
  if (depth > kMaxDepth) return "nested deeper than " + std::to_string(kMaxDepth) + " levels";
  if (n.IsScalar() && !core::unicode::isWellFormedUtf8(n.Scalar()))
    return "a value that is not UTF-8 once its escapes are read";
  if (n.IsSequence()) {
    for (const auto& item : n)
      if (auto why = structureProblem(item, depth + 1); !why.empty()) return why;
  } else if (n.IsMap()) {
    std::set<std::string, std::less<>> keys;
    for (auto it = n.begin(); it != n.end(); ++it) {
      // A map, a list or a null as a key: yaml-cpp writes a map key back indented under the key
      // before it, which does not parse (found by the fuzz smoke).
      if (!it->first.IsScalar()) return "a key that is not text (a map, a list or a null)";
      if (auto why = structureProblem(it->first, depth + 1); !why.empty()) return why;
      if (!keys.insert(it->first.Scalar()).second)
        return "duplicate key " + core::echoValue(it->first.Scalar());
      if (auto why = structureProblem(it->second, depth + 1); !why.empty()) return why;
    }
  }
  return {};
}

// Whether two nodes hold the same document: kinds, text, and map entries and list items in
// order.
bool sameNode(const YAML::Node& a, const YAML::Node& b) {
  if (a.Type() != b.Type()) return false;
  if (a.IsScalar()) return a.Scalar() == b.Scalar();
  if (a.IsSequence() || a.IsMap()) {
    if (a.size() != b.size()) return false;
    auto i = a.begin();
    auto j = b.begin();
    for (; i != a.end() && j != b.end(); ++i, ++j) {
      if (a.IsSequence() ? !sameNode(*i, *j)
                         : !sameNode(i->first, j->first) || !sameNode(i->second, j->second))
        return false;
    }
  }
  return true;
}

// Why the text itself is refused before it is parsed; empty when it is not.
std::string textProblem(std::string_view text) {
  // yaml-cpp reads such text but writes it back otherwise (bytes that are not UTF-8 as U+FFFD,
  // "\0_" as U+00A0), so the next rewrite would change a value silently: refused, as YAML does
  // (found by the cli_config fuzz harness).
  if (!core::unicode::isWellFormedUtf8(text)) return "not UTF-8 text";
  if (auto at = firstUnprintable(text); at != std::string_view::npos)
    return "a control character YAML does not allow at byte " + std::to_string(at);
  // yaml-cpp reads a lone CR as a line break and writes it back raw (found by fuzzing).
  for (std::size_t at = text.find('\r'); at != std::string_view::npos; at = text.find('\r', at + 1))
    if (at + 1 == text.size() || text[at + 1] != '\n')
      return "a carriage return that does not end a line (CRLF) at byte " + std::to_string(at);
  return {};
}

core::Result<YAML::Node> parseNode(std::string_view text, const std::string& path) {
  if (auto why = textProblem(text); !why.empty()) return invalidConfig(path, why);
  try {
    if (auto why = unsupportedYaml(text); !why.empty()) return invalidConfig(path, why);
    YAML::Node n = YAML::Load(std::string(text));
    if (!n || n.IsNull()) return YAML::Node(YAML::NodeType::Map);
    if (!n.IsMap()) return invalidConfig(path, "not a YAML map");
    if (auto why = structureProblem(n); !why.empty()) return invalidConfig(path, why);
    // The config is rewritten on every login and context change, keeping what it does not know:
    // trust it only if yaml-cpp writes it back as text that this reader accepts and that reads
    // as the same document. Every rule above was a case of this one found by the cli_config fuzz
    // harness; this catches the next before it rewrites a file into one that does not read (an
    // escaped "\r" in a quoted value is written back raw, which textProblem refuses: found by
    // the long run of 2026-12-02).
    YAML::Emitter out;
    out << n;
    if (!out.good() || !textProblem(std::string_view(out.c_str(), out.size())).empty() ||
        !sameNode(n, YAML::Load(out.c_str())))
      return invalidConfig(path, "yaml-cpp cannot write it back as it reads; simplify the file");
    return n;
  } catch (const YAML::Exception& e) {
    return invalidConfig(path, e.what());
  }
}

// The file's text; "" when it does not exist.
core::Result<std::string> readText(const std::string& path) {
  std::ifstream f(path);
  if (!f) {
    if (errno == ENOENT) return std::string();
    return ioError("cannot read config", path);
  }
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

Config decode(const YAML::Node& n) {
  Config c;
  c.context = scalar(n["context"]);
  YAML::Node ctxs = n["contexts"];
  if (ctxs && ctxs.IsMap()) {
    for (auto it = ctxs.begin(); it != ctxs.end(); ++it) {
      ContextEntry e;
      if (it->second.IsMap())
        for (const auto& f : kFields) e.*(f.member) = scalar(it->second[f.key]);
      c.contexts[it->first.as<std::string>()] = e;
    }
  }
  return c;
}

void encode(const Config& c, YAML::Node& n) {
  n["context"] = c.context;
  YAML::Node ctxs = n["contexts"];
  if (!ctxs || !ctxs.IsMap()) ctxs = YAML::Node(YAML::NodeType::Map);
  std::vector<std::string> gone;
  for (auto it = ctxs.begin(); it != ctxs.end(); ++it) {
    auto key = it->first.as<std::string>();
    if (!c.contexts.count(key)) gone.push_back(key);
  }
  for (const auto& k : gone) ctxs.remove(k);
  for (const auto& [key, e] : c.contexts) {
    YAML::Node entry = ctxs[key];
    if (!entry.IsMap()) entry = YAML::Node(YAML::NodeType::Map);
    for (const auto& f : kFields) entry[f.key] = e.*(f.member);
    ctxs[key] = entry;
  }
  n["contexts"] = ctxs;
}

std::string dirOf(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

core::Result<void> makeDirs(const std::string& dir) {
  if (dir.empty() || dir == "/" || dir == ".") return {};
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) return {};
  if (auto r = makeDirs(dirOf(dir)); !r) return r;
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    return ioError("cannot create directory", dir);
  return {};
}

class LockFile {
 public:
  ~LockFile() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
  }
  core::Result<void> acquire(const std::string& path, const ConfigWriteOptions& o) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) return ioError("cannot open config lock", path);
    auto until = std::chrono::steady_clock::now() + o.lockTimeout;
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK && errno != EINTR) return ioError("cannot lock", path);
      if (std::chrono::steady_clock::now() >= until) {
        auto secs = std::chrono::duration_cast<std::chrono::seconds>(o.lockTimeout).count();
        return core::Error::internal("timed out after " + std::to_string(secs) +
                                     "s waiting for config lock " + path +
                                     " — another astro process is holding it; wait for it to "
                                     "finish or kill it");
      }
      std::this_thread::sleep_for(o.lockRetry);
    }
    return {};
  }

 private:
  int fd_ = -1;
};

core::Result<void> writeAtomically(const std::string& path, const std::string& text) {
  std::string tmpl = path + ".tmp.XXXXXX";
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return ioError("cannot create a temporary file next to", path);
  auto fail = [&](const char* what) {
    core::Error e = ioError(what, tmpl);
    ::close(fd);
    ::unlink(tmpl.c_str());
    return e;
  };
  if (::fchmod(fd, 0600) != 0) return fail("cannot set the mode of");
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("cannot sync");
  if (::close(fd) != 0) {
    ::unlink(tmpl.c_str());
    return ioError("cannot close", tmpl);
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    core::Error e = ioError("cannot replace", path);
    ::unlink(tmpl.c_str());
    return e;
  }
  int dfd = ::open(dirOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

}  // namespace

const ContextEntry* Config::find(std::string_view domain) const {
  auto it = contexts.find(core::contextKeyForDomain(domain));
  return it == contexts.end() ? nullptr : &it->second;
}

ContextEntry* Config::find(std::string_view domain) {
  auto it = contexts.find(core::contextKeyForDomain(domain));
  return it == contexts.end() ? nullptr : &it->second;
}

ContextEntry& Config::upsert(std::string_view domain) {
  auto& e = contexts[core::contextKeyForDomain(domain)];
  if (e.domain.empty()) e.domain = std::string(domain);
  return e;
}

bool Config::erase(std::string_view domain) {
  return contexts.erase(core::contextKeyForDomain(domain)) > 0;
}

std::string Config::displayDomain(const std::string& key, const ContextEntry& e) {
  if (!e.domain.empty()) return e.domain;
  std::string d = key;
  for (char& c : d)
    if (c == '_') c = '.';
  return d;
}

core::Result<Config> parseConfig(std::string_view text, const std::string& path) {
  auto node = parseNode(text, path);
  if (!node) return std::move(node).error();
  try {
    return decode(*node);
  } catch (const YAML::Exception& e) {  // a context key that is not a scalar (found by fuzzing)
    return invalidConfig(path, e.what());
  }
}

core::Result<Config> loadConfig(const std::string& path) {
  auto text = readText(path);
  if (!text) return std::move(text).error();
  return parseConfig(*text, path);
}

core::Result<std::string> updateConfigText(
    std::string_view text, const std::string& path,
    const std::function<core::Result<void>(Config&)>& change) {
  auto node = parseNode(text, path);
  if (!node) return std::move(node).error();
  try {
    Config c = decode(*node);
    if (auto r = change(c); !r) return r.error();
    encode(c, *node);
    YAML::Emitter out;
    out << *node;
    return std::string(out.c_str()) + "\n";
  } catch (const YAML::Exception& e) {
    return invalidConfig(path, e.what());
  }
}

core::Result<void> updateConfig(const std::string& path,
                                const std::function<core::Result<void>(Config&)>& change,
                                ConfigWriteOptions options) {
  if (auto r = makeDirs(dirOf(path)); !r) return r;
  LockFile lock;
  if (auto r = lock.acquire(path + ".lock", options); !r) return r;
  auto text = readText(path);
  if (!text) return std::move(text).error();
  auto updated = updateConfigText(*text, path, change);
  if (!updated) return std::move(updated).error();
  return writeAtomically(path, *updated);
}

}  // namespace astro::cli
