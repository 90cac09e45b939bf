use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: exercise
/// Squares a number, slowly.
async fn square(n: u64) -> u64 {
    sleep(Duration::from_millis(100 * n)).await;
    n * n
}

/// Squares every number in its own task, and adds up the squares.
/// TODO: the sum is always 0. Collect each task's result through its
/// `JoinHandle`.
async fn sum_of_squares(numbers: &[u64]) -> u64 {
    for &n in numbers {
        tokio::spawn(square(n));
    }
    0
}

#[tokio::main]
async fn main() {
    println!("sum of squares: {}", sum_of_squares(&[1, 2, 3]).await);
}
// ANCHOR_END: exercise

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    #[ignore = "exercise: run with `cargo test -p ch01-exercise-join-handles -- --include-ignored`"]
    async fn adds_up_every_square_while_the_tasks_overlap() {
        let start = Instant::now();
        let metrics = tokio::runtime::Handle::current().metrics();
        // 50 ms in, every square is still sleeping: count the live tasks.
        let (sum, tasks) = tokio::join!(sum_of_squares(&[1, 2, 3]), async {
            sleep(Duration::from_millis(50)).await;
            metrics.num_alive_tasks()
        });
        assert_eq!(sum, 14, "1 + 4 + 9");
        assert_eq!(tasks, 3, "each square must run in a task of its own");
        // The tasks run at the same time: as long as the slowest, 300 ms.
        assert_eq!(start.elapsed(), Duration::from_millis(300));
    }
}
