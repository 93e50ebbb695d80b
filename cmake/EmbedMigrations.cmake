# Writes OUT, a C++ file defining civicdesk::store::embeddedMigrations(): every FILES entry
# (NNNN_name.sql) as {version, name, sql}, in order. Run by store/CMakeLists.txt.
set(body "")
foreach(f IN LISTS FILES)
  get_filename_component(name "${f}" NAME_WE)
  string(REGEX MATCH "^[0-9]+" version "${name}")
  math(EXPR version "${version}")
  file(READ "${f}" sql)
  string(APPEND body "    {${version}, \"${name}\", R\"__sql__(${sql})__sql__\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from store/migrations/*.sql by cmake/EmbedMigrations.cmake. Do not edit.\n#include \"store/Migrations.hpp\"\n\nnamespace civicdesk::store {\nconst std::vector<Migration>& embeddedMigrations() {\n  static const std::vector<Migration> migrations{\n${body}  };\n  return migrations;\n}\n}  // namespace civicdesk::store\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
