"""Running the chain: build_report(), its steps, the workers with their warm kernels, the
content cache and the progress line."""
