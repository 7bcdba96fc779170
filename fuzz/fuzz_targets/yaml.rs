//! libFuzzer entry point for [`contract_fuzz::yaml`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| contract_fuzz::yaml(data));
