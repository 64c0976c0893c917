# Libraries per layer (dependencies point down only) and the two binaries.
# Each layer globs its own folder: adding a file to src/<layer>/ needs no edit here.

function(astro_layer name dir)
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${dir}/*.cpp)
  add_library(${name} STATIC ${srcs})
  target_include_directories(${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
endfunction()

# OpenSSL: shared by default (security updates arrive with the distribution's package); a binary
# that sets the property ASTRO_STATIC_OPENSSL links the static archives instead. `astro` does:
# loading and relocating libssl/libcrypto took more than half of its start-up instructions
# (callgrind), and the CLI is run in loops. Rebuild the CLI to pick up an OpenSSL fix.
find_library(ASTRO_SSL_STATIC NAMES libssl.a REQUIRED)
find_library(ASTRO_CRYPTO_STATIC NAMES libcrypto.a REQUIRED)
add_library(astro_openssl INTERFACE)
target_link_libraries(astro_openssl INTERFACE
  "$<IF:$<BOOL:$<TARGET_PROPERTY:ASTRO_STATIC_OPENSSL>>,${ASTRO_SSL_STATIC};${ASTRO_CRYPTO_STATIC};${CMAKE_DL_LIBS};Threads::Threads,OpenSSL::SSL;OpenSSL::Crypto>")

astro_layer(astro_core core)
target_link_libraries(astro_core PUBLIC Boost::json astro_openssl ZLIB::ZLIB)

include(cmake/EmbedMigrations.cmake)
astro_embed_migrations(${CMAKE_BINARY_DIR}/generated)
astro_layer(astro_store store)
target_link_libraries(astro_store PUBLIC astro_core SQLite::SQLite3 PostgreSQL::PostgreSQL)
target_include_directories(astro_store PRIVATE ${CMAKE_BINARY_DIR}/generated)

astro_layer(astro_service service)
target_link_libraries(astro_service PUBLIC astro_store astro_core astro_openssl)

astro_layer(astro_server server)
target_link_libraries(astro_server PUBLIC astro_service Boost::url spdlog::spdlog Threads::Threads ZLIB::ZLIB)

astro_layer(astro_client client)
target_link_libraries(astro_client PUBLIC astro_core Boost::url astro_openssl Threads::Threads)

astro_layer(astro_cli cli)
# yaml-cpp links statically: its shared library would pull the shared libstdc++ back into `astro`.
find_library(YAML_CPP_STATIC NAMES libyaml-cpp.a REQUIRED)
target_include_directories(astro_cli PUBLIC ${YAML_CPP_INCLUDE_DIR})
target_link_libraries(astro_cli PUBLIC astro_client astro_core CLI11::CLI11 ${YAML_CPP_STATIC})

add_executable(astro-server apps/astro-server/main.cpp)
target_link_libraries(astro-server PRIVATE astro_server CLI11::CLI11)

add_executable(astro apps/astro/main.cpp)
target_link_libraries(astro PRIVATE astro_cli)
# Start-up time is part of the product: no shared libstdc++/libgcc to load.
target_link_options(astro PRIVATE -static-libstdc++ -static-libgcc)
set_target_properties(astro PROPERTIES ASTRO_STATIC_OPENSSL ON)
