// astro-server: the API server binary. Everything lives in src/server (cli/ parses the flags).
#include "server/cli/server_cli.h"

int main(int argc, char** argv) {
  return astro::server::cli::run(argc, argv);
}
