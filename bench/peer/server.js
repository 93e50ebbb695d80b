// The peer of the WeChat load comparison (bench/run-wechat-load): npm `wechat` 2.1.0
// (node-webot) mounted on express as PROTOCOLS.md §5 describes, with the same token, AppID and
// EncodingAESKey as CivicDesk. It verifies the signature (and msg_signature, then decrypts, in
// encrypted mode), parses the XML and answers a passive text reply (encrypted when the request
// was). It stores nothing and keeps no dialog.
//
//   PORT=18082 CIVICDESK_WECHAT_TOKEN=… CIVICDESK_WECHAT_APPID=… CIVICDESK_WECHAT_AES_KEY=… \
//     node bench/peer/server.js
'use strict';
const express = require('express');
const wechat = require('wechat');

const port = Number(process.env.PORT || 18082);
const config = {
  token: process.env.CIVICDESK_WECHAT_TOKEN,
  appid: process.env.CIVICDESK_WECHAT_APPID,
  encodingAESKey: process.env.CIVICDESK_WECHAT_AES_KEY,
};

const app = express();
app.get('/healthz', (req, res) => res.send('ok'));
app.use('/wechat', wechat(config, (req, res) => {
  const message = req.weixin;
  res.reply('已收到您的消息：' + (message.Content || '') + '。请按提示继续，回复“帮助”查看说明。');
}));
app.listen(port, '127.0.0.1', () => {
  console.error(`wechat peer on 127.0.0.1:${port}`);
});
