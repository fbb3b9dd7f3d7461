import { defineCommand } from '../command.js';

export default defineCommand({
  summary: 'Set up Hindsight in an existing repository.',
  usage: '',
  options: {},
  positionals: false,
  async run() {
    return 0;
  },
});
