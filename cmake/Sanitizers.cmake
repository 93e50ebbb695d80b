# ASan + UBSan for the whole build (CIVICDESK_SANITIZE=ON, or the asan preset).
if(CIVICDESK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
