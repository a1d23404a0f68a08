// Entry point of the Docker image: picks the role from IM_ROLE (single, edge, worker).
const role = process.env.IM_ROLE ?? 'single';
if (role === 'single') await import('./single.js');
else if (role === 'edge') await import('./edge.js');
else if (role === 'worker') await import('./worker.js');
else {
  process.stderr.write(`IM_ROLE must be single, edge or worker (got ${role})\n`);
  process.exit(2);
}
