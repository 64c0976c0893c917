# Libraries per layer (dependencies point down only) and the two binaries.
# Each layer globs its own folder: adding a file to src/<layer>/ needs no edit here.

function(astro_layer name dir)
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${dir}/*.cpp)
  add_library(${name} STATIC ${srcs})
  target_include_directories(${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
endfunction()

astro_layer(astro_core core)
target_link_libraries(astro_core PUBLIC Boost::json OpenSSL::Crypto ZLIB::ZLIB)

include(cmake/EmbedMigrations.cmake)
astro_embed_migrations(${CMAKE_BINARY_DIR}/generated)
astro_layer(astro_store store)
target_link_libraries(astro_store PUBLIC astro_core SQLite::SQLite3)
target_include_directories(astro_store PRIVATE ${CMAKE_BINARY_DIR}/generated)

astro_layer(astro_service service)
target_link_libraries(astro_service PUBLIC astro_store astro_core OpenSSL::Crypto)

astro_layer(astro_server server)
target_link_libraries(astro_server PUBLIC astro_service Boost::url spdlog::spdlog Threads::Threads ZLIB::ZLIB)

astro_layer(astro_client client)
target_link_libraries(astro_client PUBLIC astro_core Boost::url OpenSSL::SSL OpenSSL::Crypto Threads::Threads)

astro_layer(astro_cli cli)
target_link_libraries(astro_cli PUBLIC astro_client astro_core CLI11::CLI11 yaml-cpp)

add_executable(astro-server apps/astro-server/main.cpp)
target_link_libraries(astro-server PRIVATE astro_server CLI11::CLI11)

add_executable(astro apps/astro/main.cpp)
target_link_libraries(astro PRIVATE astro_cli)
# Start-up time is part of the product: no shared libstdc++/libgcc to load.
target_link_options(astro PRIVATE -static-libstdc++ -static-libgcc)
