# Libraries per layer (dependencies point down only) and the two binaries.

file(GLOB_RECURSE ASTRO_CORE_SRC CONFIGURE_DEPENDS src/core/*.cpp)
add_library(astro_core STATIC ${ASTRO_CORE_SRC})
target_include_directories(astro_core PUBLIC src)
target_link_libraries(astro_core PUBLIC Boost::json OpenSSL::Crypto ZLIB::ZLIB)
