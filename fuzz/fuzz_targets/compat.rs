//! libFuzzer entry point for [`contract_fuzz::compat`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| contract_fuzz::compat(data));
