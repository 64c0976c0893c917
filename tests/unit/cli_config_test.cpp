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
