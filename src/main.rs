#[global_allocator]
static ALLOCATOR: nianbao::alloc::Switchable = nianbao::alloc::Switchable;

fn main() {
    std::process::exit(nianbao::cli::run());
}
