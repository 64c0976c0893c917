# Embeds migrations/<backend>/NNNN_<name>.sql into the store as C++ raw string literals, so the
# server never reads the source tree at run time and the SQL lives in one place.
# Produces <out_dir>/store/<backend>/embedded_migrations.inc for sqlite and postgres; re-runs when
# a file changes.
function(astro_embed_migrations out_dir)
  astro_embed_backend_migrations(${out_dir} sqlite)
  astro_embed_backend_migrations(${out_dir} postgres)
endfunction()

function(astro_embed_backend_migrations out_dir backend)
  file(GLOB sql_files CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/migrations/${backend}/*.sql)
  list(SORT sql_files)
  set(content "// Generated from migrations/${backend}/*.sql by cmake/EmbedMigrations.cmake. Do not edit.\n")
  foreach(f ${sql_files})
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${f})
    get_filename_component(name ${f} NAME_WE)
    if(NOT name MATCHES "^([0-9][0-9][0-9][0-9])_[a-z0-9_]+$")
      message(FATAL_ERROR "migration file name must be NNNN_name.sql: ${f}")
    endif()
    math(EXPR version "${CMAKE_MATCH_1}")
    file(READ ${f} sql)
    string(FIND "${sql}" ")sql\"" clash)
    if(NOT clash EQUAL -1)
      message(FATAL_ERROR "${f} contains the raw-string delimiter )sql\"")
    endif()
    string(APPEND content "{${version}, \"${name}\", R\"sql(${sql})sql\"},\n")
  endforeach()
  file(CONFIGURE OUTPUT ${out_dir}/store/${backend}/embedded_migrations.inc CONTENT "${content}" @ONLY)
endfunction()
