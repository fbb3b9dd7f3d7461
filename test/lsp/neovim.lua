-- Opens a postmortem in Neovim's built-in LSP client (0.7: start_client + buf_attach_client),
-- waits for `hindsight lsp` to publish diagnostics, writes them one per line, and quits.
local out = vim.env.HINDSIGHT_OUT
vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.HINDSIGHT_FILE))
local buffer = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({
  name = 'hindsight',
  cmd = { vim.env.HINDSIGHT_NODE, vim.env.HINDSIGHT_BIN, 'lsp', '--stdio' },
  root_dir = vim.env.HINDSIGHT_ROOT,
})
if not client then
  vim.fn.writefile({ 'error: the client did not start' }, out)
  vim.cmd('cquit 1')
end
vim.lsp.buf_attach_client(buffer, client)
vim.wait(30000, function() return #vim.diagnostic.get(buffer) > 0 end, 50)
local lines = {}
for _, diagnostic in ipairs(vim.diagnostic.get(buffer)) do
  table.insert(lines, string.format('%d:%d-%d:%d %s %s %s', diagnostic.lnum, diagnostic.col, diagnostic.end_lnum, diagnostic.end_col,
    diagnostic.severity == vim.diagnostic.severity.ERROR and 'error' or 'warning', tostring(diagnostic.code), diagnostic.message))
end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(client)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client) == nil end, 50)
vim.cmd('qall!')
