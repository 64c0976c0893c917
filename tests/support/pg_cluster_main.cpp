// The CTest fixture `pg_cluster` (tests/CMakeLists.txt): one throwaway PostgreSQL cluster for the
// whole test run, so each PostgreSQL test does not pay for an initdb of its own.
//   astro_test_pg_cluster start STATE   starts a cluster (PgCluster), leaves it running, writes
//                                       its URL and directory to STATE
//   astro_test_pg_cluster stop STATE    stops the cluster STATE names and removes it
//   astro_test_pg_cluster restart STATE pg_ctl restart of that cluster (e2e: replicas_test.sh);
//                                       starts it again after a halt
//   astro_test_pg_cluster halt STATE    pg_ctl stop (fast) of that cluster, its data kept
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "support/pg_cluster.h"

int main(int argc, char** argv) {
  const std::string verb = argc == 3 ? argv[1] : "";
  if (verb != "start" && verb != "stop" && verb != "restart" && verb != "halt") {
    std::cerr << "usage: astro_test_pg_cluster start|stop|restart|halt STATE_FILE\n";
    return 2;
  }
  const std::string state = argv[2];
  try {
    if (std::string(argv[1]) == "start") {
      astro::testing::PgCluster cluster;
      std::ofstream out(state, std::ios::trunc);
      out << cluster.url() << '\n' << cluster.dir().string() << '\n';
      if (!out.flush()) throw std::runtime_error("cannot write " + state);
      cluster.detach();
      std::cout << "PostgreSQL test cluster at " << cluster.url() << " (" << cluster.dir().string()
                << ")\n";
      return 0;
    }
    std::ifstream in(state);
    std::string url, dir;
    if (!std::getline(in, url) || !std::getline(in, dir) || dir.empty()) {
      std::cout << "no cluster recorded in " << state << ": nothing to " << verb << "\n";
      return verb == "restart" || verb == "halt" ? 1 : 0;
    }
    if (verb == "restart") {
      astro::testing::PgCluster::restartAt(dir);
      return 0;
    }
    if (verb == "halt") {
      astro::testing::PgCluster::haltAt(dir);
      return 0;
    }
    astro::testing::PgCluster::stop(dir);
    std::filesystem::remove(state);
    std::cout << "PostgreSQL test cluster stopped\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
}
