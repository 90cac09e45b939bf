struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

async fn a(_arg: Noisy) {
    println!("a runs");
}

fn b(_arg: Noisy) -> impl Future<Output = ()> {
    println!("b called");
    async {
        println!("b runs");
    }
}

#[tokio::main]
async fn main() {
    let fa = a(Noisy("a's arg"));
    let fb = b(Noisy("b's arg"));
    println!("both called");
    fb.await;
    fa.await;
}
