-- Runs inside headless Neovim after the README's init.lua has been loaded and
-- a single-phase C module opened. It plays the user's path — wait for the
-- server and its warning, put the cursor at the START of the PyModule_Create
-- line, :lua vim.lsp.buf.code_action(), pick the conversion, save, then
-- :MultiphaseConvertAll for the file not opened, save all — and
-- writes what it saw as JSON to $MULTIPHASE_EDITOR_RESULT for the mocha test
-- to judge. Waits are bounded only to end a hang ($MULTIPHASE_EDITOR_TIMEOUT_MS).
local out = assert(os.getenv('MULTIPHASE_EDITOR_RESULT'))
local timeout = tonumber(os.getenv('MULTIPHASE_EDITOR_TIMEOUT_MS') or '120000')
local result = { version = vim.version(), messages = {} }

vim.notify = function(message) table.insert(result.messages, tostring(message)) end

local function codes()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(list, d.code) end
  return list
end

local function flagged()
  return vim.tbl_contains(codes(), 'single-phase-init')
end

local function wait(what, condition)
  if not vim.wait(timeout, condition, 20) then error('timed out waiting for ' .. what) end
end

local ok, err = pcall(function()
  wait('the server to attach', function() return #vim.tbl_keys(vim.lsp.buf_get_clients(0)) > 0 end)
  result.attached = {}
  for _, client in pairs(vim.lsp.buf_get_clients(0)) do table.insert(result.attached, client.name) end

  wait('the single-phase-init diagnostic', flagged)
  result.before = codes()

  local line = vim.fn.search('PyModule_Create(')
  vim.api.nvim_win_set_cursor(0, { line, 0 })
  result.cursor = vim.api.nvim_win_get_cursor(0)

  -- The choice a user makes in the code-action menu: the conversion.
  vim.ui.select = function(items, opts, on_choice)
    result.offered = {}
    local pick
    for _, item in ipairs(items) do
      local title = opts.format_item(item)
      table.insert(result.offered, title)
      if title:match('^Convert .* to multi%-phase') then pick = item end
    end
    on_choice(pick)
  end
  local tick = vim.api.nvim_buf_get_changedtick(0)
  vim.lsp.buf.code_action()
  wait('the code-action menu', function() return result.offered ~= nil or #result.messages > 0 end)
  if not result.offered then error('no code action menu: ' .. table.concat(result.messages, '; ')) end
  wait('the conversion to edit the buffer', function() return vim.api.nvim_buf_get_changedtick(0) ~= tick end)

  wait('the single-phase-init diagnostic to clear', function() return not flagged() end)
  result.after = codes()
  vim.cmd('write')

  -- The README's :MultiphaseConvertAll, for the module in the file nobody
  -- opened; its callback prints vim.inspect(summary), so catch the table.
  local inspect = vim.inspect
  vim.inspect = function(value, ...)
    -- The summary, or the error the callback prints instead.
    if type(value) == 'table' and (value.converted or value.message) then result.convertAll = value end
    return inspect(value, ...)
  end
  vim.cmd('MultiphaseConvertAll')
  wait('the :MultiphaseConvertAll summary', function() return result.convertAll ~= nil end)
  vim.inspect = inspect
  vim.cmd('wall')
end)

result.error = not ok and tostring(err) or nil
local file = assert(io.open(out, 'w'))
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qall!')
