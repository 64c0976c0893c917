// The config file: layout, mode 0600 in a 0700 directory, atomic replace, the lock and its
// timeout message, unknown keys kept.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli/config.h"
#include "core/domain_url.h"

namespace astro::cli {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("astro-config-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    path = (dir / "home" / ".astro" / "config.yaml").string();
  }
  void TearDown() override { fs::remove_all(dir); }
  std::string read() {
    std::ifstream f(path);
    return std::string(std::istreambuf_iterator<char>(f), {});
  }
  // `text` as the config file: reading it fails with a message holding `why`, an update (what a
  // login does) fails too, and the file is left byte for byte as it was.
  void expectRefusedAndUntouched(const std::string& text, const std::string& why) {
    SCOPED_TRACE(text);
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path) << text;
    auto c = loadConfig(path);
    ASSERT_FALSE(c.ok());
    EXPECT_THAT(c.error().message, HasSubstr(why));
    EXPECT_FALSE(updateConfig(path, [](Config&) -> core::Result<void> { return {}; }).ok());
    EXPECT_EQ(read(), text);
  }
  fs::path dir;
  std::string path;
};

TEST_F(ConfigTest, MissingFileReadsAsEmpty) {
  auto c = loadConfig(path);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->context, "");
  EXPECT_TRUE(c->contexts.empty());
}

TEST_F(ConfigTest, WriteCreatesPrivateFileAndDirectory) {
  auto r = updateConfig(path, [](Config& c) -> core::Result<void> {
    auto& e = c.upsert("api.example.com");
    e.organization = "corg";
    e.token = "Bearer abc";
    c.context = "api.example.com";
    return {};
  });
  ASSERT_TRUE(r.ok()) << r.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(fs::path(path).parent_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  std::string text = read();
  EXPECT_THAT(text, HasSubstr("context: api.example.com\n"));
  EXPECT_THAT(text, HasSubstr("contexts:\n  api_example_com:\n    domain: api.example.com\n"));
  EXPECT_THAT(text, HasSubstr("token: Bearer abc"));
  auto c = loadConfig(path);
  ASSERT_TRUE(c.ok());
  ASSERT_NE(c->find("api.example.com"), nullptr);
  EXPECT_EQ(c->find("api.example.com")->organization, "corg");
  // No temporary files are left behind.
  int files = 0;
  for (auto& e : fs::directory_iterator(fs::path(path).parent_path())) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 2);  // config.yaml and config.yaml.lock
}

TEST_F(ConfigTest, UnknownKeysAreKept) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path)
      << "upgrade_message: false\ncontext: a\ncontexts:\n  a:\n    domain: a\n    custom: keep\n";
  ASSERT_TRUE(updateConfig(path, [](Config& c) -> core::Result<void> {
                c.find("a")->organization = "o";
                return {};
              }).ok());
  std::string text = read();
  EXPECT_THAT(text, HasSubstr("upgrade_message: false"));
  EXPECT_THAT(text, HasSubstr("custom: keep"));
  EXPECT_THAT(text, HasSubstr("organization: o"));
}

TEST_F(ConfigTest, AFailedChangeWritesNothing) {
  auto r = updateConfig(path, [](Config& c) -> core::Result<void> {
    c.context = "x";
    return core::Error::invalid("nope");
  });
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(ConfigTest, LockTimeoutMessage) {
  fs::create_directories(fs::path(path).parent_path());
  int fd = ::open((path + ".lock").c_str(), O_RDWR | O_CREAT, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  // flock locks belong to the open file description: a second open() in this process conflicts.
  ConfigWriteOptions o;
  o.lockTimeout = std::chrono::milliseconds(1000);
  o.lockRetry = std::chrono::milliseconds(50);
  auto r = updateConfig(
      path, [](Config&) -> core::Result<void> { return {}; }, o);
  ::close(fd);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "timed out after 1s waiting for config lock " + path +
                                   ".lock — another astro process is holding it; wait for it to "
                                   "finish or kill it");
}

// Found by the cli_config fuzz harness: yaml-cpp reads bytes that are not UTF-8 but writes them
// back as U+FFFD, so a rewrite (any login or switch) would silently change the value. YAML text is
// Unicode: such a file is refused, with its path, and left as it is.
TEST_F(ConfigTest, TextThatIsNotUtf8IsRefusedAndNotRewritten) {
  const std::string text = "contexts:\n  a_b:\n    domain: a.b\xff\x01\n    token: Bearer x\n";
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << text;
  auto c = loadConfig(path);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.error().message, HasSubstr("invalid config " + path));
  EXPECT_THAT(c.error().message, HasSubstr("not UTF-8"));
  auto w = updateConfig(path, [](Config& c) -> core::Result<void> {
    c.context = "x";
    return {};
  });
  EXPECT_FALSE(w.ok());
  EXPECT_EQ(read(), text);
}

// Found by the cli_config fuzz harness: yaml-cpp reads "m\0_com" as "m\xA0com" (NUL then '_' taken
// for the escape "\_"), so a rewrite changes a value kept from the file. YAML allows no C0 control
// but TAB, LF and CR, nor DEL or C1 but NEL (c-printable, YAML 1.2 §5.1).
TEST_F(ConfigTest, ControlCharactersYamlDoesNotAllowAreRefused) {
  fs::create_directories(fs::path(path).parent_path());
  for (const std::string& text :
       {std::string("context: a m\0_com\n", 17), std::string("context: a\x01\n"),
        std::string("context: a\x7f\n"), std::string("context: a\u009b\n")}) {
    std::ofstream(path) << text;
    auto c = loadConfig(path);
    ASSERT_FALSE(c.ok()) << text;
    EXPECT_THAT(c.error().message, HasSubstr("control character")) << text;
  }
  std::ofstream(path) << "context: \"tab\there\"\r\ncontexts: {}\n";
  EXPECT_TRUE(loadConfig(path).ok());
}

// Found by the cli_config fuzz harness: with an alias (here the key and the value are one node),
// a rewrite changed the shared node and wrote text that no longer parses. The CLI's config has no
// use for aliases: a file with one is refused and left as it is.
TEST_F(ConfigTest, AliasesAreRefusedAndTheFileIsNotRewritten) {
  fs::create_directories(fs::path(path).parent_path());
  const std::string text = "contexts:\n  &d a.n: *d\n";
  std::ofstream(path) << text;
  auto c = loadConfig(path);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.error().message, HasSubstr("alias"));
  EXPECT_FALSE(updateConfig(path, [](Config&) -> core::Result<void> { return {}; }).ok());
  EXPECT_EQ(read(), text);
  std::ofstream(path) << "context: \"a*b & c\"\ncontexts: {}\n";  // '*' and '&' in text are fine
  EXPECT_TRUE(loadConfig(path).ok());
}

// Found by the cli_config fuzz harness (a long run at 8827f50): with a key twice in one map the
// reader took one entry and the rewrite kept both, so the next read saw another config. A key
// appears once per map in YAML (1.2 §3.2.1.1): refused, at any depth, and the file is left as is.
TEST_F(ConfigTest, DuplicateKeysAreRefusedAndTheFileIsNotRewritten) {
  fs::create_directories(fs::path(path).parent_path());
  for (const std::string text :
       {"context: a\ncontexts:\n  a:\n    domain: x\n  a:\n    domain: y\n",
        "context: a\ncontext: b\n", "contexts:\n  a:\n    token: t\n    token: u\n",
        "contexts:\n  a: {}\n  b: {}\n  a: ~\n", "kept:\n  deep:\n    x: 1\n    x: 2\n"}) {
    expectRefusedAndUntouched(text, "duplicate key");
  }
  std::ofstream(path) << "contexts:\n  a:\n    domain: x\n  b:\n    domain: x\n";
  EXPECT_TRUE(loadConfig(path).ok()) << "the same value under two keys is fine";
}

// Found by the cli_config fuzz harness (a long run at afd425b): yaml-cpp writes a tagged key
// back as "!<!tag>" text that does not parse. A config has no use for tags: refused, the file
// left as it is; a '!' inside a value is fine.
TEST_F(ConfigTest, TagsAreRefusedAndTheFileIsNotRewritten) {
  fs::create_directories(fs::path(path).parent_path());
  for (const std::string text :
       {"contexts:\n  !aU a:\n    domain: x\n", "context: !!str a\ncontexts: {}\n",
        "contexts: !map\n  a:\n    domain: x\n", "kept: !seq [1, 2]\n"}) {
    expectRefusedAndUntouched(text, "tags (!name) are not supported");
  }
  std::ofstream(path) << "context: \"a!b\"\ncontexts:\n  a:\n    token: 'x!y'\n    domain: z!\n";
  EXPECT_TRUE(loadConfig(path).ok()) << "a '!' in text is fine";
}

// Found by the cli_config fuzz harness (a long run at 905b5fb): yaml-cpp reads the escape "\_"
// (U+00A0) as a lone 0xA0 byte, which is not UTF-8, and the rewrite turned it into U+FFFD: the
// value changed on the next read. A value that is not UTF-8 once unescaped is refused.
TEST_F(ConfigTest, AnEscapeThatYamlCppReadsAsNotUtf8IsRefused) {
  fs::create_directories(fs::path(path).parent_path());
  for (const std::string text : {"context: \"a\\_b\"\n", "contexts:\n  \"k\\_\": {}\n"}) {
    expectRefusedAndUntouched(text, "not UTF-8");
  }
  std::ofstream(path) << "context: \"caf\\u00e9 \\t\"\ncontexts: {}\n";
  auto c = loadConfig(path);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->context, "caf\xc3\xa9 \t");
}

// Found by the cli_config fuzz harness: the alias scan looped forever on this text (yaml-cpp's
// event parser kept reporting a document without consuming it). Only the first document counts.
TEST_F(ConfigTest, TheAliasScanEnds) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << ",d*d\n";
  auto c = loadConfig(path);  // returning at all is the point
  if (c.ok()) {
    EXPECT_TRUE(c->contexts.empty());
  }
}

// Found by the cli_config fuzz harness: a context key that is not a scalar threw
// YAML::TypedBadConversion out of loadConfig, and astro died in std::terminate.
TEST_F(ConfigTest, AContextKeyThatIsNotAScalarIsAnError) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << "contexts:\n  ? [a, b]\n  : {domain: x}\n";
  auto c = loadConfig(path);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.error().message, HasSubstr("invalid config " + path));
}

// Found by the fuzz smoke of a clean clone (fa9456e): a map as a key ("{}:") was written back
// indented under the key before it, text that does not parse. A key anywhere in the config must
// be text: a map, a list or a null as a key is refused and the file left as it is.
TEST_F(ConfigTest, KeysThatAreNotTextAreRefusedAnywhere) {
  fs::create_directories(fs::path(path).parent_path());
  for (const std::string text : {"c,d*dcontexts:\n:spreeus_amalast_usedilo8&m{}:\n{}:\n",
                                 "[a]: b\n", "kept:\n  ? {a: 1}\n  : x\n", "~: x\n",
                                 "context: a\nkept:\n  deep:\n    ? [1]\n    : 2\n"}) {
    expectRefusedAndUntouched(text, "a key that is not text");
  }
  std::ofstream(path) << "\"~\": x\n\"{}\": y\n";  // quoted, they are text
  EXPECT_TRUE(loadConfig(path).ok());
}

// Found by fuzzing the fixes above: yaml-cpp reads a lone carriage return as a line break but
// writes it back raw inside a key, which does not parse. A CR that does not end a line as CRLF is
// refused (CRLF files still read); and whatever else yaml-cpp cannot write back as it read it is
// refused too: the config is written and read once more before it is trusted.
TEST_F(ConfigTest, ALoneCarriageReturnIsRefusedAndCrlfStillReads) {
  expectRefusedAndUntouched("context:nt+ex  sommain*e:\n \r\r\r\r\r\r:\r ", "carriage return");
  std::ofstream(path) << "context: a\r\ncontexts:\r\n  a:\r\n    domain: x\r\n";
  auto crlf = loadConfig(path);
  ASSERT_TRUE(crlf.ok()) << crlf.error().message;
  EXPECT_EQ(crlf->context, "a");
}

// Found by the long cli_config run of 2026-12-02: an escaped "\r" inside a quoted value reads as
// a lone carriage return, and yaml-cpp writes it back raw; the rewrite was then refused by the
// rule above, so the next login would fail on a file that had read. What yaml-cpp writes back
// must pass every check this reader makes of a file: the file is refused at once instead.
TEST_F(ConfigTest, AnEscapeThatYamlCppWritesBackRawIsRefused) {
  expectRefusedAndUntouched(
      "context: aple_mc\nococexts:\n  ase_co'm:\n    useresin: \"23l\\reom:t\"",
      "cannot write it back as it reads");
  // Escapes that are written back escaped still read.
  std::ofstream(path) << "context: \"a\\tb\"\ncontexts: {}\n";
  auto tab = loadConfig(path);
  ASSERT_TRUE(tab.ok()) << tab.error().message;
  EXPECT_EQ(tab->context, "a\tb");
}

TEST_F(ConfigTest, DeleteAndDisplayDomain) {
  Config c;
  c.upsert("a.b").token = "t";
  EXPECT_EQ(Config::displayDomain("x_y", ContextEntry{}), "x.y");
  EXPECT_TRUE(c.erase("a.b"));
  EXPECT_FALSE(c.erase("a.b"));
}

TEST(DomainUrl, UsedForContexts) {
  EXPECT_EQ(core::baseUrlForDomain("localhost"), "http://localhost:8888");
  EXPECT_EQ(core::baseUrlForDomain("127.0.0.1:9000"), "http://127.0.0.1:9000");
  EXPECT_EQ(core::baseUrlForDomain("http://127.0.0.1:9000/"), "http://127.0.0.1:9000");
  EXPECT_EQ(core::baseUrlForDomain("astronomer.io"), "https://api.astronomer.io");
  EXPECT_EQ(core::contextKeyForDomain("astronomer.io"), "astronomer_io");
}

}  // namespace
}  // namespace astro::cli
