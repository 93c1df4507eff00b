# ASan + UBSan for the whole build. UBSan findings abort (no recovery) so ctest sees them as failures.
if(SUSHI_SANITIZE)
  # -O1, ASan's recommended level, and line tables only (-g1: stack traces keep function, file and
  # line). They come after the build type's -O2 -g, so they win. Compiling with them takes about
  # 45 % of the CPU time of -O2 -g (44 % on tests/unit/traces/test_trace_writers.cpp, GCC 12, user
  # time), which keeps CI's second, sanitized build short.
  add_compile_options(-O1 -g1)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
