//! The catalogs compiled into the core: models, hardware, runtimes and
//! quantization quality. Every row carries a `source`.
