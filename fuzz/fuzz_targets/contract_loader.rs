//! libFuzzer entry point for [`contract_fuzz::contract_loader`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| contract_fuzz::contract_loader(data));
