-- Drives the language server from Neovim's built-in LSP client (0.7+: start_client and
-- buf_attach_client; vim.lsp.start exists only from 0.8). Run by nvim.mjs, which makes the
-- site copy and passes it through the environment:
--   AFM_ROOT the site copy, AFM_ARTICLE the article in it (with `quality: high` planted),
--   AFM_PLANTED_LINE the planted line (0-based), AFM_NODE and AFM_CLI the server's command.
-- Prints one line per check; exits 1 with the reason on the first failure.
local root = assert(os.getenv('AFM_ROOT'), 'AFM_ROOT is not set')
local article = assert(os.getenv('AFM_ARTICLE'), 'AFM_ARTICLE is not set')
local planted = tonumber(os.getenv('AFM_PLANTED_LINE'))
local node = os.getenv('AFM_NODE') or 'node'
local cli = assert(os.getenv('AFM_CLI'), 'AFM_CLI is not set')
local TIMEOUT = 20000

local function say(text)
  io.stderr:write('[nvim-lsp] ' .. text .. '\n')
end

local function fail(text)
  say('FAIL: ' .. text)
  vim.cmd('cquit 1')
end

-- Never hang: whatever is waited for, the run ends.
vim.defer_fn(function()
  fail('gave up after 60 s')
end, 60000)

local published = nil
local handlers = {
  ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    if result and result.uri == vim.uri_from_fname(article) then
      published = result.diagnostics
    end
    return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
  end,
  ['window/logMessage'] = function(_, result)
    if result then
      say('server: ' .. result.message)
    end
  end,
}

vim.cmd('edit ' .. vim.fn.fnameescape(article))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'markdown'
local client_id = vim.lsp.start_client({
  name = 'article-frontmatter',
  cmd = { node, cli, 'lsp', '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'site' } },
  handlers = handlers,
  flags = { debounce_text_changes = 0 },
  on_exit = function(code, signal)
    if code ~= 0 then
      say('server exited with ' .. tostring(code) .. ' (signal ' .. tostring(signal) .. ')')
    end
  end,
})
if not client_id then
  fail('could not start ' .. cli .. ' lsp --stdio')
end
vim.lsp.buf_attach_client(bufnr, client_id)
local client = vim.lsp.get_client_by_id(client_id)
if not vim.wait(TIMEOUT, function()
  return client.initialized == true or (client.server_capabilities ~= nil and next(client.server_capabilities) ~= nil)
end, 20) then
  fail('the server did not initialize')
end
say('server started: ' .. (client.name or '?'))

-- (a) The planted mistake: a `wrong-type` diagnostic on its line.
if not vim.wait(TIMEOUT, function()
  return published ~= nil and #published > 0
end, 20) then
  fail('no diagnostics arrived')
end
local found = nil
for _, diagnostic in ipairs(published) do
  if diagnostic.code == 'wrong-type' and diagnostic.range.start.line == planted then
    found = diagnostic
  end
end
if not found then
  fail('no wrong-type diagnostic on line ' .. (planted + 1) .. ': got ' .. vim.inspect(published))
end
say(string.format('diagnostic ok: line %d: %s %s', planted + 1, found.code, found.message))

local function request(method, params)
  local response, err = client.request_sync(method, params, TIMEOUT, bufnr)
  if not response then
    fail(method .. ' got no answer: ' .. tostring(err))
  end
  if response.err then
    fail(method .. ' failed: ' .. vim.inspect(response.err))
  end
  return response.result
end

local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
local uri = vim.uri_from_bufnr(bufnr)

-- The number (1-based) of the last line matching a Lua pattern.
local function last_line(pattern)
  local found = nil
  for index, line in ipairs(lines) do
    if line:match(pattern) then
      found = index
    end
  end
  return found
end

-- (b) Completion in `topics:` offers the site's topics: a new `- ` entry after the last one.
local topics = last_line('^topics:')
if not topics then
  fail('the article has no topics: list')
end
local last = topics
while lines[last + 1] and lines[last + 1]:match('^%s+%- ') do
  last = last + 1
end
vim.api.nvim_buf_set_lines(bufnr, last, last, false, { '  - ' })
vim.wait(300)
local completion = request('textDocument/completion', {
  textDocument = { uri = uri },
  position = { line = last, character = 4 },
})
local items = completion and (completion.items or completion) or {}
local labels = {}
for _, item in ipairs(items) do
  labels[item.label] = true
end
for _, topic in ipairs({ 'Security', 'Storage', 'Networking' }) do
  if not labels[topic] then
    fail('completion in topics: does not offer ' .. topic .. '; got ' .. vim.inspect(vim.tbl_keys(labels)))
  end
end
say('completion ok: ' .. #items .. ' items, among them Security, Storage, Networking')
vim.api.nvim_buf_set_lines(bufnr, last, last + 1, false, {})
vim.wait(300)

-- (c) The hover of the first image's URL shows the image.
lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
local images = last_line('^images:')
local url_line, url_column = nil, nil
for index = (images or #lines) + 1, #lines do
  local column = lines[index]:find('https://', 1, true)
  if lines[index]:match('url:') and column then
    url_line, url_column = index - 1, column + 4
    break
  end
end
if not url_line then
  fail('the article has no images[0].url')
end
local hover = request('textDocument/hover', {
  textDocument = { uri = uri },
  position = { line = url_line, character = url_column },
})
local contents = hover and hover.contents
local text = type(contents) == 'table' and (contents.value or vim.inspect(contents)) or tostring(contents)
if not text:find('![', 1, true) then
  fail('the hover of the image URL has no image: ' .. text)
end
say('hover ok: ' .. text:gsub('\n.*', ''):sub(1, 100))

client.stop()
vim.wait(2000, function()
  return client.is_stopped()
end, 20)
say('all checks passed')
vim.cmd('qall!')
