-- Neovim 0.7 as an independent LSP client of dist/server.js (push diagnostics only).
-- Run from the project folder:
--   TNL_FILE=<note> TNL_ROOT=<folder> TNL_SETTINGS='<json>' \
--   timeout 60 nvim --headless -n -u NONE -i NONE -c "luafile test/neovim/check.lua"
-- Prints one JSON line on standard output: the diagnostics and code lens titles it got.
-- Any Lua error exits with status 1 (a Lua error under -c would otherwise leave nvim waiting).
local function main()
  local file = assert(os.getenv('TNL_FILE'), 'TNL_FILE not set')
  local root = assert(os.getenv('TNL_ROOT'), 'TNL_ROOT not set')
  local settings = vim.fn.json_decode(os.getenv('TNL_SETTINGS') or '{}')
  local client_id = vim.lsp.start_client({
    name = 'therapy-note-lint',
    cmd = { 'node', vim.fn.getcwd() .. '/dist/server.js', '--stdio' },
    root_dir = root,
    settings = settings,
    init_options = { trusted = true },
    -- Neovim 0.7 does not answer workspace/configuration by capability: send the settings
    -- once initialised, as its documentation advises (nvim-lspconfig does the same).
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
  })
  assert(client_id, 'the server did not start')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'markdown'
  assert(vim.lsp.buf_attach_client(buf, client_id), 'could not attach')
  local arrived = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 10)
  assert(arrived, 'no diagnostics arrived')
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(diagnostics, {
      code = d.code, source = d.source, severity = d.severity,
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    })
  end
  table.sort(diagnostics, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  local client = vim.lsp.get_client_by_id(client_id)
  local response, err = client.request_sync('textDocument/codeLens', { textDocument = { uri = vim.uri_from_bufnr(buf) } }, 20000, buf)
  assert(response and not response.err, 'codeLens failed: ' .. vim.inspect(err or (response and response.err)))
  local lenses = {}
  for _, l in ipairs(response.result or {}) do
    table.insert(lenses, { line = l.range.start.line, title = l.command and l.command.title, command = l.command and l.command.command })
  end
  io.stdout:write(vim.fn.json_encode({ diagnostics = diagnostics, lenses = lenses }) .. '\n')
  io.stdout:flush()
  vim.lsp.stop_client(client_id)
end

local ok, err = pcall(main)
if not ok then
  io.stderr:write('check.lua: ' .. tostring(err) .. '\n')
  vim.cmd('cquit 1')
else
  vim.cmd('qall!')
end
