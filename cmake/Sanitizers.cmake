# ASan + UBSan for the whole build. UBSan findings abort (no recovery) so ctest sees them as failures.
if(SUSHI_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
